/**
 * `hearken analyze-file`: the out-of-the-box analysis (sentiment, cues, redaction; no
 * training, no database) of every row of a CSV or JSONL file, written as JSON lines.
 * With --model, each row also gets the trained classifier's topic and confidence.
 */
import { Command } from 'commander';
import { analyzeText } from '../analytics/analyze-text.ts';
import { JsonLinesWriter, readTextsFile } from '../analytics/analysis-files.ts';
import { readClassifierFile } from '../analytics/classifier-files.ts';
import { CUE_KINDS, type CueKind } from '../analytics/cues.ts';
import type { SentimentLabel } from '../analytics/sentiment.ts';
import type { TextClassifier } from '../analytics/text-classifier.ts';

interface AnalyzeFileFlags {
  input: string;
  textColumn: string;
  out: string;
  model?: string;
}

/** Rows written per file write: large files stream out instead of being held in memory twice. */
const BATCH = 500;

export function analyzeFileCommand(): Command {
  return new Command('analyze-file')
    .description('analyse each text of a file (.csv with a header row, or .jsonl): sentiment, cues, redacted copy')
    .requiredOption('--input <file>', 'the texts to analyse')
    .option('--text-column <name>', 'column holding the text', 'text')
    .requiredOption('--out <file>', 'where the results are written, one JSON object per line')
    .option('--model <file>', 'also classify each text with a model written by classify train')
    .action(analyzeFileAction);
}

async function analyzeFileAction(flags: AnalyzeFileFlags): Promise<void> {
  const file = await readTextsFile(flags.input, flags.textColumn);
  const classifier: TextClassifier | undefined =
    flags.model === undefined ? undefined : await readClassifierFile(flags.model);
  const out = await JsonLinesWriter.create(flags.out);
  const sentiments: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  const cues = new Map<CueKind, number>();
  try {
    for (let from = 0; from < file.rows.length; from += BATCH) {
      const results = file.rows.slice(from, from + BATCH).map(({ row, text }) => {
        const analysis = analyzeText(text);
        sentiments[analysis.sentiment]++;
        for (const cue of analysis.cues) cues.set(cue.kind, (cues.get(cue.kind) ?? 0) + 1);
        const topic = classifier?.predict(text, 0);
        return {
          row,
          sentiment: analysis.sentiment,
          sentimentScore: analysis.sentimentScore,
          cues: analysis.cues,
          redacted: analysis.redacted,
          personalData: [...new Set(analysis.personalData.map((p) => p.kind))],
          modelVersion: analysis.modelVersion,
          ...(topic && classifier
            ? { topic: topic.label, topicConfidence: round(topic.confidence), topicModel: classifier.version }
            : {}),
        };
      });
      await out.write(results);
    }
  } finally {
    await out.close();
  }
  const cueSummary = CUE_KINDS.filter((kind) => cues.has(kind)).map((kind) => `${kind} ${cues.get(kind)}`);
  process.stderr.write(
    `Analysed ${file.rows.length} rows${file.skipped > 0 ? ` (skipped ${file.skipped} with an empty text)` : ''}: ` +
      `${sentiments.negative} negative, ${sentiments.neutral} neutral, ${sentiments.positive} positive; ` +
      `cues: ${cueSummary.length > 0 ? cueSummary.join(', ') : 'none'}; written to ${flags.out}\n`,
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
