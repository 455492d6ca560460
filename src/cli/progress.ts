/** A progress bar on a terminal; on anything else, a line every few seconds. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = 0;
  return {
    update(fraction: number, label: string) {
      const now = Date.now();
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${label}\x1b[K`,
        );
      } else if (now - lastLine > 2000) {
        lastLine = now;
        stream.write(`${(fraction * 100).toFixed(0)}%  ${label}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
