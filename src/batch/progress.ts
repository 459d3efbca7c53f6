/**
 * A one-line progress bar for a terminal: share done (when the input size is known), observations, rate and
 * time left. Drawn on stderr only when stderr is a terminal, redrawn at most ten times a second, and erased
 * before anything else is written there. (A single line needs no library: it is a carriage return, an
 * erase-line escape and a formatted string.)
 */
import type { Locale } from '../model/edition.js';
import { batchWords, phrase } from './words.js';

const WIDTH = 24;

/** Seconds as `1 min 05 s` / `12 s`. */
export function formatSeconds(s: number, locale: Locale): string {
  if (!Number.isFinite(s) || s < 0) return '—';
  const w = batchWords(locale);
  if (s < 10) return phrase(w.seconds, { n: s.toFixed(1) });
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  if (m === 0) return phrase(w.seconds, { n: sec });
  // A number's form, not a word: English pads the seconds after the minutes (`1 min 05 s`), Chinese does not (`1 分 5 秒`).
  return phrase(w.minutes, { m, s: locale === 'en' ? String(sec).padStart(2, '0') : sec });
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
    const w = batchWords(this.locale).progress;
    const parts: string[] = [];
    if (this.totalBytes) {
      const f = Math.min(1, bytes / this.totalBytes);
      const fill = Math.round(f * WIDTH);
      parts.push(`[${'█'.repeat(fill)}${'░'.repeat(WIDTH - fill)}] ${String(Math.floor(f * 100)).padStart(3)}%`);
    }
    parts.push(phrase(w.observations, { n: observations.toLocaleString('en-US') }));
    parts.push(`${Math.round(rate).toLocaleString('en-US')}/s`);
    if (this.totalBytes && bytes > 0) {
      const left = (secs * (this.totalBytes - bytes)) / bytes;
      parts.push(phrase(w.eta, { time: formatSeconds(left, this.locale) }));
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
