import { describe, expect, it } from 'vitest';
import { serverSettings } from '../config.ts';
import { demoSettings } from './demo.ts';
import { prettyLogLine } from './pretty-log.ts';

describe('demo logs', () => {
  it('turn a request log line into one short line a person can read', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.parse('2026-12-02T10:11:12Z'),
      msg: 'request completed',
      req: { method: 'GET', url: '/api/v1/cases' },
      res: { statusCode: 200 },
      responseTime: 12.4,
    });
    expect(prettyLogLine(line, false)).toBe('10:11:12 INFO  request completed  GET /api/v1/cases  200  12 ms');
    expect(prettyLogLine('not json', false)).toBe('not json');
  });

  it('are off in the demo unless HEARKEN_LOG_LEVEL asks, pretty on a terminal; serve keeps JSON at info', () => {
    expect(demoSettings({}, {}, true)).toMatchObject({ logLevel: 'warn', prettyLogs: true, catchMail: true });
    expect(demoSettings({}, { HEARKEN_LOG_LEVEL: 'info' }, false)).toMatchObject({
      logLevel: 'info',
      prettyLogs: false,
    });
    expect(serverSettings({}, {})).toMatchObject({ logLevel: 'info', prettyLogs: false, catchMail: false });
    expect(demoSettings({}, { HEARKEN_SMTP_RELAY: 'smtp://relay:587' }, true).catchMail).toBe(false);
  });
});
