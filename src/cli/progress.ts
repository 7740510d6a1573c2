import cliProgress from 'cli-progress';
import type { ImportProgress } from '../intel/service.ts';

/**
 * A progress bar on stderr for long imports: by bytes when the source's size is known, otherwise a running count.
 * Quiet when stderr is not a terminal (scripts, CI), apart from a final line.
 */
export function importProgressBar(label: string) {
  const tty = process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {received} read, {inserted} new, {duplicates} known, {rejected} refused | {eta_formatted} left`,
      hideCursor: true,
      noTTYOutput: false,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: ImportProgress) {
      if (!tty) return;
      const total = p.bytesTotal ?? 0;
      const payload = { received: p.received, inserted: p.inserted, duplicates: p.duplicates, rejected: p.rejected };
      if (!started) {
        bar.start(total || 1, 0, payload);
        started = true;
      }
      bar.update(total ? Math.min(p.bytesRead ?? 0, total) : 0, payload);
    },
    stop() {
      if (started) {
        bar.update(bar.getTotal());
        bar.stop();
      }
    },
  };
}
