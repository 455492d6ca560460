/**
 * Call and meeting transcripts in WebVTT (https://www.w3.org/TR/webvtt1/), as exported by Teams,
 * Zoom, Google Meet and telephony providers, turned into speaker segments for the timeline.
 *
 * Speakers come from voice spans (`<v Jane Doe>…</v>`, `<v.loud Jane>`; Teams) or, in files that
 * use the convention throughout, from a `Name: ` at the start of a cue line (Zoom). The
 * convention is only trusted when at least half of the cues without voice spans follow it, so a
 * stray "Note: …" in an ordinary caption file stays text.
 */

export type TranscriptSegment = { speaker: string | null; startMs: number; endMs: number; text: string };
export type WebVttResult = { ok: true; segments: TranscriptSegment[] } | { ok: false; problems: string[] };

/** More cues than this and the file is refused (a ten-hour call has about 6,000). */
export const MAX_WEBVTT_SEGMENTS = 20_000;
const MAX_PROBLEMS = 20;

const TIMESTAMP = /^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  quot: '"',
  apos: "'",
  lrm: '',
  rlm: '',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Cue text without markup: class, italic, bold, underline, ruby, language and timestamp tags. */
const stripTags = (text: string) => text.replace(/<\/?(?:[a-z][^<>]*|\d[\d:.]*)>/gi, '');
const clean = (text: string) =>
  decodeEntities(stripTags(text))
    .replace(/[\u200e\u200f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

type Run = { speaker: string | null; text: string };

/** Splits cue text at voice spans; text outside any span has no speaker. */
function voiceRuns(payload: string): { runs: Run[]; voiced: boolean } {
  const runs: Run[] = [];
  const pattern = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/gi;
  let speaker: string | null = null;
  let from = 0;
  let voiced = false;
  for (const m of payload.matchAll(pattern)) {
    runs.push({ speaker, text: payload.slice(from, m.index) });
    voiced = true;
    speaker = m[0].toLowerCase() === '</v>' ? null : clean(m[1] ?? '') || null;
    from = m.index + m[0].length;
  }
  runs.push({ speaker, text: payload.slice(from) });
  return { runs, voiced };
}

/** `Jane Doe: text`, `Jane Doe (Lumen): text`: a name of at most five words, a colon and a space. */
const NAME_PREFIX = /^(\p{L}[\p{L}\p{M}\p{N}'’.()\- ]{0,40}?)\s?:\s+(\S.*)$/u;
const nameOf = (line: string) => {
  const m = NAME_PREFIX.exec(clean(line));
  return m && m[1]!.split(' ').length <= 5 ? { speaker: m[1]!.trim(), text: m[2]! } : null;
};

/** Splits unvoiced cue text at `Name: ` line prefixes (the Zoom convention). */
function namedRuns(lines: string[]): Run[] {
  const runs: Run[] = [];
  for (const line of lines) {
    const named = nameOf(line);
    if (named) runs.push({ speaker: named.speaker, text: named.text });
    else if (runs.length > 0) runs[runs.length - 1]!.text += `\n${line}`;
    else runs.push({ speaker: null, text: line });
  }
  return runs;
}

type Cue = { startMs: number; endMs: number; lines: string[] };

/** Parses a WebVTT file into speaker segments, or says with line numbers what is wrong with it. */
export function parseWebVtt(text: string, maxSegments: number = MAX_WEBVTT_SEGMENTS): WebVttResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const problems: string[] = [];
  const problem = (line: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(`line ${line}: ${message}`);
  };
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    return { ok: false, problems: ['line 1: a WebVTT file must start with "WEBVTT"'] };
  }

  const cues: Cue[] = [];
  let i = 1;
  // Header metadata (Kind:, Language:) runs to the first empty line. Only an empty line ends a
  // block: YouTube puts lines holding a single space inside its cues.
  while (i < lines.length && lines[i] !== '' && !lines[i]!.includes('-->')) i += 1;
  while (i < lines.length) {
    if (lines[i] === '') {
      i += 1;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== '') block.push(lines[i++]!);
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0]!)) continue;
    let at = block[0]!.includes('-->') ? 0 : 1; // an optional cue identifier comes first
    if (at >= block.length || !block[at]!.includes('-->')) continue; // no timing line: not a cue
    while (at < block.length) {
      const lineNo = blockStart + at + 1;
      const [rawStart = '', rest = ''] = block[at]!.split('-->');
      const startText = rawStart.trim();
      const endText = rest.trim().split(/[ \t]+/)[0] ?? '';
      const startMs = parseTimestamp(startText);
      const endMs = parseTimestamp(endText);
      for (const [value, ms] of [
        [startText, startMs],
        [endText, endMs],
      ] as const) {
        if (ms === null) {
          const hint = /,\d{3}$/.test(value) ? " (use '.' before the milliseconds, not ',')" : '';
          problem(lineNo, `malformed timestamp "${value}": expected hh:mm:ss.ttt or mm:ss.ttt${hint}`);
        }
      }
      if (startMs !== null && endMs !== null && endMs < startMs)
        problem(lineNo, `cue ends (${endText}) before it starts (${startText})`);
      // Cue text runs to the next blank line, or to a line with "-->" (a cue missing its blank line).
      let next = at + 1;
      while (next < block.length && !block[next]!.includes('-->')) next += 1;
      let end = next;
      // "text / ␠ / 2 / 00:00:05.000 --> …": blocks parted by a line of spaces; "2" is an identifier.
      if (next < block.length && end - 2 > at && block[end - 2]!.trim() === '' && block[end - 1]!.trim() !== '')
        end -= 1;
      cues.push({ startMs: startMs ?? 0, endMs: endMs ?? 0, lines: block.slice(at + 1, end) });
      if (cues.length > maxSegments)
        return { ok: false, problems: [`more than ${maxSegments} cues: the transcript is too long`] };
      at = next;
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const split = cues.map((cue) => ({ cue, ...voiceRuns(cue.lines.join('\n')) }));
  const unvoiced = split.filter((s) => !s.voiced && s.cue.lines.some((l) => clean(l)));
  const named = unvoiced.filter((s) => nameOf(s.cue.lines.find((l) => clean(l)) ?? '') !== null).length;
  const useNames = named > 0 && named * 2 >= unvoiced.length;

  const segments: TranscriptSegment[] = [];
  for (const { cue, runs, voiced } of split) {
    const all = !voiced && useNames ? namedRuns(cue.lines) : runs;
    for (const run of all) {
      const content = clean(run.text);
      if (!content) continue;
      const last = segments[segments.length - 1];
      if (last && last.startMs === cue.startMs && last.endMs === cue.endMs && last.speaker === run.speaker)
        last.text += ` ${content}`;
      else segments.push({ speaker: run.speaker, startMs: cue.startMs, endMs: cue.endMs, text: content });
    }
    if (segments.length > maxSegments)
      return { ok: false, problems: [`more than ${maxSegments} segments: the transcript is too long`] };
  }
  return { ok: true, segments };
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The transcript as the timeline shows it: one line per speaker turn, `[00:01] Agent: Hello…`
 * (`[1:02:03]` past the hour). Consecutive segments of the same named speaker are one turn;
 * segments without a speaker stay one line each, without a label.
 */
export function transcriptText(segments: readonly TranscriptSegment[]): string {
  const turns: { speaker: string | null; startMs: number; text: string }[] = [];
  for (const s of segments) {
    const last = turns[turns.length - 1];
    if (last && s.speaker !== null && last.speaker === s.speaker) last.text += ` ${s.text}`;
    else turns.push({ speaker: s.speaker, startMs: s.startMs, text: s.text });
  }
  return turns.map((t) => `[${clock(t.startMs)}] ${t.speaker === null ? '' : `${t.speaker}: `}${t.text}`).join('\n');
}
