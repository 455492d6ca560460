import { describe, expect, it } from 'vitest';
import { fitSms } from './sms-text.ts';

describe('fitting a reply into text messages', () => {
  it('measures GSM and UCS-2 messages and their parts', () => {
    expect(fitSms('Your SIM is on its way.')).toEqual({
      text: 'Your SIM is on its way.',
      encoding: 'gsm7',
      parts: 1,
      truncated: false,
    });
    expect(fitSms('a'.repeat(160)).parts).toBe(1);
    expect(fitSms('a'.repeat(161)).parts).toBe(2);
    expect(fitSms('€'.repeat(80)).parts).toBe(1); // extension characters take two places
    expect(fitSms('Sorry 🙏').encoding).toBe('ucs2');
    expect(fitSms('x'.repeat(71) + 'ł').parts).toBe(2);
  });

  it('turns curly quotes and dashes into plain ones so the message stays GSM', () => {
    expect(fitSms('We’re on it — “soon”')).toMatchObject({ text: 'We\'re on it - "soon"', encoding: 'gsm7' });
  });

  it('cuts a very long reply at a word, within the cap, and says so', () => {
    const long = 'word '.repeat(400);
    const fitted = fitSms(long, 3);
    expect(fitted.truncated).toBe(true);
    expect(fitted.parts).toBeLessThanOrEqual(3);
    expect(fitted.text.endsWith('word...')).toBe(true);
    const unicode = fitSms('привет '.repeat(100), 2);
    expect(unicode).toMatchObject({ encoding: 'ucs2', truncated: true });
    expect(unicode.parts).toBeLessThanOrEqual(2);
    expect(unicode.text.endsWith('…')).toBe(true);
  });
});
