/**
 * Takes the history a mail client quotes under a reply off the customer's new words, so the
 * timeline shows what they wrote this time (the history is already on the timeline). Careful by
 * design: only a trailing block of `>` lines under an attribution ("On … wrote:"), or everything
 * under an Outlook-style "Original Message" / "From: … Sent: …" header, is taken off — answers
 * written between quoted lines stay, and nothing is taken when it would leave nothing.
 */

const ATTRIBUTION =
  /(?:(?:\bwrote|a écrit|escribió|ha scritto|schreef|skrev|kirjoitti|napisał|escreveu|написал\(а\)|написал|yazdı)\s*:|\bschrieb\b.{0,200}:)\s*$/iu;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}\s*$/iu;
const OUTLOOK_FROM = /^\s*\*?(?:from|von|de|da|van)\s*:\*?\s+\S/iu;
const OUTLOOK_SENT = /^\s*\*?(?:sent|gesendet|envoyé|enviado|inviato|verzonden|date)\s*:\*?\s+\S/iu;
const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => line.trim() === '';

export interface SplitReply {
  /** What the sender wrote this time. */
  text: string;
  /** Characters of quoted history taken off (0: the text is whole). */
  omittedChars: number;
}

export function withoutQuotedHistory(text: string): SplitReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = outlookHeaderAt(lines) ?? trailingQuoteAt(lines);
  if (cut === null) return { text, omittedChars: 0 };
  const kept = lines.slice(0, cut).join('\n').trimEnd();
  if (kept.trim() === '') return { text, omittedChars: 0 };
  return { text: kept, omittedChars: Math.max(0, text.length - kept.length) };
}

/** The line where an Outlook-style header of the previous message starts, if any. */
function outlookHeaderAt(lines: string[]): number | null {
  for (let i = 0; i < lines.length; i++) {
    if (ORIGINAL_MESSAGE.test(lines[i]!)) return i;
    if (
      OUTLOOK_FROM.test(lines[i]!) &&
      i + 1 < lines.length &&
      OUTLOOK_SENT.test(lines[i + 1]!) &&
      i > 0 &&
      isBlankOrRule(lines[i - 1]!)
    ) {
      return isBlank(lines[i - 1]!) ? i : i - 1;
    }
  }
  return null;
}

const isBlankOrRule = (line: string) => isBlank(line) || /^\s*[-_]{5,}\s*$/.test(line);

/** The first line of a trailing `>` block and its attribution (one or two lines above it). */
function trailingQuoteAt(lines: string[]): number | null {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1]!)) end--;
  let start = end;
  while (start > 0 && (isQuoted(lines[start - 1]!) || isBlank(lines[start - 1]!))) start--;
  while (start < end && isBlank(lines[start]!)) start++;
  if (start === end) return null;
  let above = start - 1;
  while (above >= 0 && isBlank(lines[above]!)) above--;
  if (above < 0) return null;
  // Gmail folds a long attribution: "On Mon, 3 Jun 2024 at 10:00, Jo <jo@x>" / "wrote:".
  if (
    above > 0 &&
    /^\s*\S+\s*:\s*$/.test(lines[above]!) &&
    ATTRIBUTION.test(`${lines[above - 1]!} ${lines[above]!}`) &&
    !isBlank(lines[above - 1]!)
  )
    return above - 1;
  if (ATTRIBUTION.test(lines[above]!)) return above;
  return null;
}
