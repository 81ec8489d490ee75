/**
 * A progress bar on stderr for long work (seeding, imports). On a terminal it redraws one line;
 * elsewhere (CI, log files) it prints a line at each tenth so logs stay readable.
 */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  finish(message?: string): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let lastLabel = '';
  let lastTenth = -1;
  let drawn = false;
  return {
    update(label, done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const filled = Math.round(ratio * WIDTH);
        stream.write(`\r${label.padEnd(22)} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total}  `);
        drawn = true;
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (label !== lastLabel || tenth > lastTenth) {
        stream.write(`${label}: ${(ratio * 100).toFixed(0)}% (${done}/${total})\n`);
        lastLabel = label;
        lastTenth = tenth;
      }
    },
    finish(message) {
      if (tty && drawn) stream.write('\n');
      if (message) stream.write(message + '\n');
      drawn = false;
      lastTenth = -1;
    },
  };
}

/** Adapts a bar to the import's progress events. */
export function importProgress(bar: ProgressBar) {
  const labels = { parse: 'Reading files', check: 'Checking the database', write: 'Writing', done: 'Done' } as const;
  return (p: { phase: keyof typeof labels; done: number; total: number }) => {
    if (p.phase === 'done') bar.finish();
    else bar.update(labels[p.phase], p.done, p.total);
  };
}
