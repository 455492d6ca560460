/** One speaker's consecutive lines in a call transcript or a chat. */
export interface Turn {
  speaker: string | null;
  /** "[01:23]" offsets of a timed transcript, when there are any. */
  at: string | null;
  lines: string[];
}

// "[01:23] Jane: words" (a timed transcript) or "Agent: words"; a speaker name is short and has no sentence in it.
const TURN = /^(?:\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?([^:\n.!?]{1,40}):\s+(.*)$/;
const TIMED_NARRATION = /^\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*(.*)$/;

/** Splits a transcript or chat text into speaker turns; lines with no speaker are narration (speaker null). */
export function parseTurns(text: string): Turn[] {
  const turns: Turn[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const spoken = TURN.exec(line);
    const timed = spoken ? null : TIMED_NARRATION.exec(line);
    const speaker = spoken ? spoken[2]!.trim() : null;
    const at = spoken?.[1] ?? timed?.[1] ?? null;
    const words = spoken ? spoken[3]! : timed ? timed[2]! : line;
    const last = turns[turns.length - 1];
    if (last && last.speaker === speaker) last.lines.push(words);
    else turns.push({ speaker, at, lines: [words] });
  }
  return turns;
}

/** Whether a speaker is the customer rather than one of us. */
export function isCustomerSpeaker(speaker: string | null, customerName: string | null | undefined): boolean {
  if (!speaker) return false;
  const s = speaker.toLowerCase();
  return (
    s === 'customer' ||
    s === 'visitor' ||
    s === 'caller' ||
    (Boolean(customerName) && s === customerName!.toLowerCase()) ||
    (Boolean(customerName) && customerName!.toLowerCase().startsWith(`${s} `))
  );
}
