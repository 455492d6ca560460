import { describe, expect, it } from 'vitest';
import { demoSettings } from './cli/demo.ts';
import { serverSettings } from './config.ts';
import { DEFAULT_LOGIN_LIMITS } from './domain/auth/login-limits.ts';

describe('security settings', () => {
  it('trusts a proxy only when told, as true, a hop count or its addresses', () => {
    expect(serverSettings({}, {}).trustProxy).toBe(false);
    expect(serverSettings({}, { HEARKEN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(serverSettings({}, { HEARKEN_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(serverSettings({}, { HEARKEN_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(serverSettings({}, { HEARKEN_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
  });

  it('reads the request timeout and sign-in limits, and refuses what is not a positive whole number', () => {
    expect(serverSettings({}, {})).toMatchObject({ requestTimeoutMs: 30_000, loginLimits: DEFAULT_LOGIN_LIMITS });
    const settings = serverSettings(
      {},
      { HEARKEN_REQUEST_TIMEOUT_MS: '5000', HEARKEN_LOGIN_LOCKOUT_AFTER: '5', HEARKEN_LOGIN_RATE_LIMIT: '12' },
    );
    expect(settings.requestTimeoutMs).toBe(5000);
    expect(settings.loginLimits).toMatchObject({ lockoutAfter: 5, perAccountClientMax: 12 });
    expect(() => serverSettings({}, { HEARKEN_LOGIN_LOCKOUT_AFTER: '0x10' })).toThrow(/HEARKEN_LOGIN_LOCKOUT_AFTER/);
    expect(() => serverSettings({}, { HEARKEN_REQUEST_TIMEOUT_MS: '0' })).toThrow(/positive whole number/);
  });

  it('lets the demo sign people in far more often, unless the environment says otherwise', () => {
    expect(demoSettings({}, {}, false).loginLimits.perAccountClientMax).toBeGreaterThan(500);
    expect(demoSettings({}, { HEARKEN_LOGIN_RATE_LIMIT: '7' }, false).loginLimits.perAccountClientMax).toBe(7);
    expect(demoSettings({}, {}, false).loginLimits.lockoutAfter).toBe(DEFAULT_LOGIN_LIMITS.lockoutAfter);
  });
});
