import { describe, expect, it } from 'vitest';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './secrets.ts';

describe('secrets', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct hose', stored)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });

  it('stores tokens only as hashes', () => {
    const { secret, hash } = newSecret('hk');
    expect(secret).toMatch(/^hk_[\w-]{43}$/);
    expect(hash).toBe(hashSecret(secret));
    expect(hash).not.toContain(secret);
  });
});
