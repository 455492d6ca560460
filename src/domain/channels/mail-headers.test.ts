import { describe, expect, it } from 'vitest';
import { bareAddress, headersFromLines, headerValue, headerValues } from './mail-headers.ts';

describe('mail headers', () => {
  it('turns mailparser header lines into every value of every header, unfolded, top first', () => {
    const headers = headersFromLines([
      {
        key: 'received',
        line: 'Received: from mx1.example.net (mx1.example.net [203.0.113.7])\r\n\tby mx.lumen.example (Postfix) with ESMTPS id 4C5D21E0C1',
      },
      { key: 'received', line: 'Received: by mail-wr1-f41.google.com with SMTP id ffacd0b85a97d' },
      { key: 'subject', line: 'Subject: =?UTF-8?Q?R=C3=A9ponse_automatique?=' },
      { key: 'x-empty', line: 'X-Empty:' },
      { key: '', line: 'X-No-Key: taken from the line' },
    ]);
    expect(headerValues(headers, 'Received')).toEqual([
      'from mx1.example.net (mx1.example.net [203.0.113.7])\tby mx.lumen.example (Postfix) with ESMTPS id 4C5D21E0C1',
      'by mail-wr1-f41.google.com with SMTP id ffacd0b85a97d',
    ]);
    expect(headerValue(headers, 'subject')).toBe('=?UTF-8?Q?R=C3=A9ponse_automatique?=');
    expect(headerValues(headers, 'x-empty')).toEqual(['']);
    expect(headerValue(headers, 'x-no-key')).toBe('taken from the line');
    expect(headerValues(headers, 'x-missing')).toEqual([]);
  });

  it('reads plain records and maps whatever the case of their keys', () => {
    expect(headerValues({ 'Auto-Submitted': 'auto-replied', precedence: undefined }, 'auto-submitted')).toEqual([
      'auto-replied',
    ]);
    expect(headerValues({ precedence: undefined }, 'precedence')).toEqual([]);
    expect(headerValues(new Map([['X-Loop', ['a', ' b\r\n c ']]]), 'x-loop')).toEqual(['a', 'b c']);
  });

  it('finds the bare address of a mailbox, and nothing for the null sender', () => {
    expect(bareAddress('"Doe, Jane" <Jane.Doe@Example.com>')).toBe('jane.doe@example.com');
    expect(bareAddress(' Support@Lumen.example ')).toBe('support@lumen.example');
    expect(bareAddress('<>')).toBe('');
  });
});
