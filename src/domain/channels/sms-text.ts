/**
 * How an answer fits into text messages. A message in the GSM 03.38 alphabet carries 160
 * characters (153 per part when split); any other character makes the whole message UCS-2,
 * 70 characters (67 per part). A reply is capped at MAX_SMS_PARTS parts: beyond that it is cut
 * at a word and ends with "…", so a customer never receives a wall of fifteen messages.
 */

export const MAX_SMS_PARTS = 6;

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsText {
  text: string;
  encoding: 'gsm7' | 'ucs2';
  parts: number;
  truncated: boolean;
}

/** Normalises what phones display badly (curly quotes, dashes, non-breaking spaces). */
function plain(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201F]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00A0/g, ' ')
    .replace(/\r\n/g, '\n')
    .trim();
}

function gsmLength(text: string): number | null {
  let length = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) length += 1;
    else if (GSM_EXTENDED.includes(char)) length += 2;
    else return null;
  }
  return length;
}

/** UCS-2 counts UTF-16 code units: an emoji takes two. */
const ucs2Length = (text: string) => text.length;

function measure(text: string): { encoding: 'gsm7' | 'ucs2'; length: number } {
  const gsm = gsmLength(text);
  return gsm === null ? { encoding: 'ucs2', length: ucs2Length(text) } : { encoding: 'gsm7', length: gsm };
}

function partsFor(encoding: 'gsm7' | 'ucs2', length: number): number {
  const [single, multi] = encoding === 'gsm7' ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / multi);
}

/** The reply as it will be sent: normalised, measured, and capped at MAX_SMS_PARTS parts. */
export function fitSms(raw: string, maxParts = MAX_SMS_PARTS): SmsText {
  const text = plain(raw);
  const measured = measure(text);
  const parts = partsFor(measured.encoding, measured.length);
  if (parts <= maxParts) return { text, encoding: measured.encoding, parts, truncated: false };

  const budget = (measured.encoding === 'gsm7' ? 153 : 67) * maxParts;
  // "…" is not GSM: a GSM message ends with "..." instead, so it stays in the cheaper alphabet.
  const ellipsis = measured.encoding === 'gsm7' ? '...' : '…';
  const chars = [...text];
  let cut = '';
  let used = ellipsis.length;
  for (const char of chars) {
    const cost = measured.encoding === 'gsm7' ? (GSM_EXTENDED.includes(char) ? 2 : 1) : char.length;
    if (used + cost > budget) break;
    cut += char;
    used += cost;
  }
  const atWord = cut.replace(/\s+\S*$/, '');
  const body = (atWord.length >= cut.length * 0.8 ? atWord : cut).trimEnd() + ellipsis;
  const final = measure(body);
  return { text: body, encoding: final.encoding, parts: partsFor(final.encoding, final.length), truncated: true };
}
