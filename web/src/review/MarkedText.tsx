import { Mark, Spoiler, Text } from '@mantine/core';
import { Fragment, useMemo } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The analysis reports a cue's words as it read them (lower case, spaces squeezed); find them
 * in the text as written, whatever the case, spacing or kind of apostrophe.
 */
export function wordsPattern(words: readonly string[]): RegExp | null {
  const phrases = [...new Set(words.map((w) => w.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w).replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]"));
  return phrases.length ? new RegExp(`(${phrases.join('|')})`, 'gi') : null;
}

/** The analyst copy with the words that triggered a cue marked (as text, never as HTML). */
export function MarkedText({ text, words }: { text: string; words: readonly string[] }) {
  const parts = useMemo(() => {
    const pattern = wordsPattern(words);
    return pattern ? text.split(pattern) : [text];
  }, [text, words]);
  // split() with one capturing group puts the matches at the odd positions.
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Mark key={index} color="yellow">
            {part}
          </Mark>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** Line height of Mantine's "sm" text, so a folded text ends on a whole line. */
const SM_LINE_PX = 14 * 1.45;

/** A contact's analyst copy, cues' words marked, folded after a few lines with a way to read it all. */
export function ContactText({ text, words, lines }: { text: string; words: readonly string[]; lines: number }) {
  return (
    <Spoiler
      maxHeight={Math.floor(lines * SM_LINE_PX)}
      showLabel="Show more"
      hideLabel="Show less"
      styles={{ control: { fontSize: 'var(--mantine-font-size-xs)', fontWeight: 600 } }}
    >
      <Text size="sm" maw="100ch" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <MarkedText text={text} words={words} />
      </Text>
    </Spoiler>
  );
}
