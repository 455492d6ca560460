import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebVtt, transcriptText, type TranscriptSegment } from './webvtt.ts';

const segmentsOf = (text: string): TranscriptSegment[] => {
  const result = parseWebVtt(text);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.segments;
};

describe('reading WebVTT transcripts', () => {
  it('reads a Microsoft Teams transcript, speakers from voice spans', () => {
    const teams = [
      'WEBVTT',
      '',
      '3e5d1b8a-7f2c-4e9a-b1d6-0c8f2a4e6b13/15-0',
      '00:00:03.120 --> 00:00:05.480',
      '<v Priya Shah>Hi, thanks for calling Lumen Mobile.</v>',
      '',
      '3e5d1b8a-7f2c-4e9a-b1d6-0c8f2a4e6b13/16-0',
      '00:00:05.480 --> 00:00:08.200',
      '<v Mark Evans>Hello, my phone has had no signal since Monday.</v>',
      '',
    ].join('\r\n');
    expect(segmentsOf(teams)).toEqual([
      { speaker: 'Priya Shah', startMs: 3120, endMs: 5480, text: 'Hi, thanks for calling Lumen Mobile.' },
      { speaker: 'Mark Evans', startMs: 5480, endMs: 8200, text: 'Hello, my phone has had no signal since Monday.' },
    ]);
  });

  it('reads a Zoom transcript, speakers from "Name: text"', () => {
    const zoom = `WEBVTT

1
00:00:01.360 --> 00:00:04.120
Priya Shah: Hi, thanks for calling Lumen Mobile.

2
00:00:04.630 --> 00:00:07.900
Mark Evans: Hello, my phone has had no signal
since Monday.

3
00:00:08.000 --> 00:00:09.000
Priya Shah: Let me check the mast near you.
`;
    expect(segmentsOf(zoom)).toEqual([
      { speaker: 'Priya Shah', startMs: 1360, endMs: 4120, text: 'Hi, thanks for calling Lumen Mobile.' },
      { speaker: 'Mark Evans', startMs: 4630, endMs: 7900, text: 'Hello, my phone has had no signal since Monday.' },
      { speaker: 'Priya Shah', startMs: 8000, endMs: 9000, text: 'Let me check the mast near you.' },
    ]);
  });

  it('does not take a stray "Note: …" in ordinary captions for a speaker', () => {
    const captions = `WEBVTT

00:01.000 --> 00:02.000
Welcome to Lumen Mobile.

00:02.000 --> 00:03.000
Your call may be recorded.

00:03.000 --> 00:04.000
Note: prices include VAT.
`;
    expect(segmentsOf(captions).map((s) => s.speaker)).toEqual([null, null, null]);
    expect(segmentsOf(captions)[2]!.text).toBe('Note: prices include VAT.');
  });

  it('handles a BOM, header text and metadata, NOTE, STYLE and REGION blocks, cue settings and mm:ss timestamps', () => {
    const file = `\uFEFFWEBVTT - call 8841 recorded by Twilio
Kind: captions
Language: en-GB

NOTE This transcript was generated automatically
and may contain errors

STYLE
::cue(v[voice="Agent"]) { color: yellow }

REGION
id:fred
width:40%

intro
00:01.000 --> 00:04.500 align:start position:10% line:0 size:80% region:fred
<v.loud Agent>Hello&nbsp;&amp; welcome!</v>

NOTE cue 2 below

1:02:03.004 --> 1:02:05.000
<v.first.loud Customer>It&#39;s about my bill &lt;again&gt;</v>
`;
    expect(segmentsOf(file)).toEqual([
      { speaker: 'Agent', startMs: 1000, endMs: 4500, text: 'Hello & welcome!' },
      { speaker: 'Customer', startMs: 3_723_004, endMs: 3_725_000, text: "It's about my bill <again>" },
    ]);
  });

  it('strips other markup and timestamp tags (YouTube automatic captions)', () => {
    const youtube = `WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.350 align:start position:0%
 
hello<00:00:00.480><c> and</c><00:00:00.960><c> welcome</c>

00:00:02.350 --> 00:00:04.000
<i>italic</i> <b>bold</b> <u>under</u> <c.yellow.bg_blue>class</c> <lang en-GB>colour</lang> <ruby>漢<rt>kan</rt></ruby>&lrm;
`;
    expect(segmentsOf(youtube).map((s) => s.text)).toEqual([
      'hello and welcome',
      'italic bold under class colour 漢kan',
    ]);
  });

  it('splits a cue with several voices into one segment per speaker', () => {
    const file = `WEBVTT

00:00:10.000 --> 00:00:12.000
<v Agent>Can you hear me?</v>
<v Customer>Yes.</v>
`;
    expect(segmentsOf(file)).toEqual([
      { speaker: 'Agent', startMs: 10_000, endMs: 12_000, text: 'Can you hear me?' },
      { speaker: 'Customer', startMs: 10_000, endMs: 12_000, text: 'Yes.' },
    ]);
  });

  it('accepts a voice span left open and text outside any span', () => {
    expect(segmentsOf('WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hello there\n')).toEqual([
      { speaker: 'Agent', startMs: 1000, endMs: 2000, text: 'Hello there' },
    ]);
    expect(segmentsOf('WEBVTT\n\n00:01.000 --> 00:02.000\n[music] <v Agent>Hi</v>\n').map((s) => s.speaker)).toEqual([
      null,
      'Agent',
    ]);
  });

  it('copes with cues missing their blank line, lines of spaces between cues and empty cues', () => {
    const sloppy =
      'WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:02.000 --> 00:03.000\nTwo\n   \n2\n00:03.000 --> 00:04.000\nThree\n\n00:04.000 --> 00:05.000\n\n';
    expect(segmentsOf(sloppy).map((s) => s.text)).toEqual(['One', 'Two', 'Three']);
  });

  it('reads old Mac line endings and an empty file with only the header', () => {
    expect(segmentsOf('WEBVTT\r\r00:01.000 --> 00:02.000\rHi\r')).toHaveLength(1);
    expect(segmentsOf('WEBVTT')).toEqual([]);
  });

  it('refuses a file without the WEBVTT header', () => {
    expect(parseWebVtt('1\n00:00:01,000 --> 00:00:02,000\nHello\n')).toEqual({
      ok: false,
      problems: ['line 1: a WebVTT file must start with "WEBVTT"'],
    });
    expect(parseWebVtt('WEBVTTX\n').ok).toBe(false);
    expect(parseWebVtt('').ok).toBe(false);
  });

  it('says which lines have malformed timestamps or end before they start', () => {
    const file =
      'WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT style\n\n00:00:05.000 --> 00:00:04.000\nBackwards\n\n00:61.000 --> 01:00.000\nBad minutes\n\n00:01.000 -->\nNo end\n';
    expect(parseWebVtt(file)).toEqual({
      ok: false,
      problems: [
        `line 3: malformed timestamp "00:00:01,000": expected hh:mm:ss.ttt or mm:ss.ttt (use '.' before the milliseconds, not ',')`,
        `line 3: malformed timestamp "00:00:02,000": expected hh:mm:ss.ttt or mm:ss.ttt (use '.' before the milliseconds, not ',')`,
        'line 6: cue ends (00:00:04.000) before it starts (00:00:05.000)',
        'line 9: malformed timestamp "00:61.000": expected hh:mm:ss.ttt or mm:ss.ttt',
        'line 12: malformed timestamp "": expected hh:mm:ss.ttt or mm:ss.ttt',
      ],
    });
  });

  it('refuses a transcript with too many cues', () => {
    const cues = Array.from(
      { length: 11 },
      (_, i) => `00:${String(i).padStart(2, '0')}.000 --> 00:${String(i).padStart(2, '0')}.500\nline ${i}`,
    ).join('\n\n');
    expect(parseWebVtt(`WEBVTT\n\n${cues}\n`, 10)).toEqual({
      ok: false,
      problems: ['more than 10 cues: the transcript is too long'],
    });
    expect(parseWebVtt(`WEBVTT\n\n${cues}\n`, 11).ok).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseWebVtt(`WEBVTT\n\n${s}`).ok === 'boolean'));
  });

  it('gives every segment a start no later than its end', () => {
    const stamp = fc.integer({ min: 0, max: 5 * 3600 * 1000 });
    const vtt = (ms: number) =>
      `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(stamp, stamp, fc.constantFrom('Hi', '<v A>Hi</v>', 'B: yes')), { maxLength: 20 }),
        (cues) => {
          const file = `WEBVTT\n\n${cues.map(([a, b, t]) => `${vtt(Math.min(a, b))} --> ${vtt(Math.max(a, b))}\n${t}`).join('\n\n')}\n`;
          const result = parseWebVtt(file);
          expect(result.ok).toBe(true);
          if (result.ok) for (const s of result.segments) expect(s.startMs).toBeLessThanOrEqual(s.endMs);
        },
      ),
    );
  });
});

describe('transcript text for the timeline', () => {
  it('writes one line per speaker turn with its start time', () => {
    const segments: TranscriptSegment[] = [
      { speaker: 'Agent', startMs: 1000, endMs: 2000, text: 'Hello, Lumen Mobile.' },
      { speaker: 'Agent', startMs: 2000, endMs: 3000, text: 'How can I help?' },
      { speaker: 'Customer', startMs: 65_400, endMs: 70_000, text: 'My bill is wrong.' },
      { speaker: null, startMs: 70_000, endMs: 71_000, text: '[hold music]' },
      { speaker: null, startMs: 71_000, endMs: 72_000, text: '[hold music]' },
      { speaker: 'Agent', startMs: 3_723_000, endMs: 3_724_000, text: 'Thanks for waiting.' },
    ];
    expect(transcriptText(segments)).toBe(
      [
        '[00:01] Agent: Hello, Lumen Mobile. How can I help?',
        '[01:05] Customer: My bill is wrong.',
        '[01:10] [hold music]',
        '[01:11] [hold music]',
        '[1:02:03] Agent: Thanks for waiting.',
      ].join('\n'),
    );
    expect(transcriptText([])).toBe('');
  });
});
