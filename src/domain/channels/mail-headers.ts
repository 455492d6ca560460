/**
 * Mail headers as the channel rules read them.
 *
 * The form: header name → raw value(s), every occurrence kept in the order the message carries
 * them (top first). Names are looked up case-insensitively, so `Auto-Submitted` and
 * `auto-submitted` both work; values may still be folded (CRLF + whitespace), they are unfolded
 * on reading.
 *
 * From mailparser, pass `headersFromLines(parsed.headerLines)`, not `parsed.headers`: that Map
 * turns some headers into objects (`content-type`, addresses, dates), keeps only the last
 * `precedence`/`message-id`, merges every `List-*` header into one `list` object and the four
 * priority headers into `priority`, which hides exactly what these rules look for.
 */
export type MailHeaderValue = string | readonly string[] | undefined;
export type MailHeaders = ReadonlyMap<string, string | readonly string[]> | Readonly<Record<string, MailHeaderValue>>;

/** Raw header lines (`{ key: 'received', line: 'Received: from …' }`, mailparser's `headerLines`). */
export type RawHeaderLine = { readonly key: string; readonly line: string };

const unfold = (value: string) =>
  value
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/[\r\n]+/g, ' ')
    .trim();

/** Builds the header form from raw header lines, keeping every occurrence, unfolded. */
export function headersFromLines(lines: readonly RawHeaderLine[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const name = (key || (colon > 0 ? line.slice(0, colon) : '')).trim().toLowerCase();
    if (!name) continue;
    const value = unfold(colon >= 0 ? line.slice(colon + 1) : '');
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  return headers;
}

function rawValues(headers: MailHeaders, name: string): MailHeaderValue {
  const wanted = name.toLowerCase();
  if (headers instanceof Map) {
    const map = headers as ReadonlyMap<string, string | readonly string[]>;
    const direct = map.get(wanted);
    if (direct !== undefined) return direct;
    for (const [key, value] of map) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }
  const record = headers as Readonly<Record<string, MailHeaderValue>>;
  if (Object.hasOwn(record, wanted)) return record[wanted];
  const key = Object.keys(record).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : record[key];
}

/** Every value of a header, unfolded and trimmed, top first; `[]` when absent. */
export function headerValues(headers: MailHeaders, name: string): string[] {
  const raw = rawValues(headers, name);
  if (raw === undefined) return [];
  const list: readonly unknown[] = typeof raw === 'string' ? [raw] : raw;
  return list.filter((v): v is string => typeof v === 'string').map(unfold);
}

/** The first (topmost) value of a header, or undefined. */
export function headerValue(headers: MailHeaders, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

/** The bare address in `"Jane" <Jane@Example.com>` or `<>`, lower-cased; '' for the null sender. */
export function bareAddress(value: string): string {
  const angle = /<([^>]*)>/.exec(value);
  return (angle ? angle[1]! : value).trim().toLowerCase();
}

/** A header block as text (as it arrives on the wire, folded lines included), as header lines. */
export function headersFromText(block: string): Map<string, string[]> {
  const lines: { key: string; line: string }[] = [];
  for (const line of block.replace(/^\n/, '').split('\n')) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1]!.line += `\r\n${line}`;
    else if (line.trim()) lines.push({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line });
  }
  return headersFromLines(lines);
}
