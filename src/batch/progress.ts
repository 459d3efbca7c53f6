/**
 * A one-line progress bar for a terminal: share done (when the input size is known), observations, rate and
 * time left. Drawn on stderr only when stderr is a terminal, redrawn at most ten times a second, and erased
 * before anything else is written there. (A single line needs no library: it is a carriage return, an
 * erase-line escape and a formatted string.)
 */
import type { Locale } from '../model/edition.js';

const WIDTH = 24;

/** Seconds as `1 min 05 s` / `12 s`. */
export function formatSeconds(s: number, locale: Locale): string {
  if (!Number.isFinite(s) || s < 0) return '—';
  if (s < 10) return locale === 'zh' ? `${s.toFixed(1)} 秒` : `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  if (locale === 'zh') return m > 0 ? `${m} 分 ${sec} 秒` : `${sec} 秒`;
  return m > 0 ? `${m} min ${String(sec).padStart(2, '0')} s` : `${sec} s`;
}

/** Progress on a terminal. */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: { write(s: string): unknown },
    /** Input size in bytes, when known (a file, not a pipe). */
    private readonly totalBytes: number | undefined,
    private readonly locale: Locale,
    private readonly start: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Redraws, at most every 100 ms (or always with `force`). */
  update(observations: number, bytes: number, force = false): void {
    const t = this.now();
    if (!force && t - this.last < 100) return;
    this.last = t;
    const secs = (t - this.start) / 1000;
    const rate = secs > 0 ? observations / secs : 0;
    const zh = this.locale === 'zh';
    const parts: string[] = [];
    if (this.totalBytes) {
      const f = Math.min(1, bytes / this.totalBytes);
      const fill = Math.round(f * WIDTH);
      parts.push(`[${'█'.repeat(fill)}${'░'.repeat(WIDTH - fill)}] ${String(Math.floor(f * 100)).padStart(3)}%`);
    }
    parts.push(`${observations.toLocaleString('en-US')} ${zh ? '条' : 'obs'}`);
    parts.push(`${Math.round(rate).toLocaleString('en-US')}/s`);
    if (this.totalBytes && bytes > 0) {
      const left = (secs * (this.totalBytes - bytes)) / bytes;
      parts.push(`${zh ? '剩余' : 'ETA'} ${formatSeconds(left, this.locale)}`);
    }
    this.stream.write(`\r\x1b[K${parts.join(' · ')}`);
    this.shown = true;
  }

  /** Erases the bar, so that a report or the summary can be written on a clean line. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
