/**
 * A progress bar on a terminal, redrawn a few times a second with the time so far, so that a
 * long step without news (the embedded store's first start) still shows it is working; on
 * anything else, a line when the step changes and every few seconds.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let fraction = 0;
  let label = '';
  let lastLine = 0;
  let lastLabel = '';
  const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const draw = () => {
    const width = 30;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${label}  (${seconds()})\x1b[K`,
    );
  };
  const ticker = stream.isTTY ? setInterval(draw, 250) : undefined;
  ticker?.unref();
  return {
    update(next: number, text: string) {
      fraction = next;
      label = text;
      const now = Date.now();
      if (stream.isTTY) draw();
      else if (stepOf(text) !== stepOf(lastLabel) || now - lastLine > 5000) {
        lastLine = now;
        lastLabel = text;
        stream.write(`${(next * 100).toFixed(0).padStart(3)}%  ${text}  (${seconds()})\n`);
      }
    },
    done() {
      if (ticker) clearInterval(ticker);
      if (stream.isTTY) {
        fraction = 1;
        draw();
        stream.write('\n');
      }
    },
  };
}

/** What a label says without its numbers: "150 of 3,000 customers" and "300 of 3,000 customers" are one step. */
const stepOf = (label: string): string => label.replace(/[\d,.]+/g, '#');
