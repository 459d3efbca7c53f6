/**
 * Worker threads for a large batch: each loads the same standards and evaluates the chunks it is sent; results
 * come back tagged with their chunk number so the caller can write them in input order.
 *
 * The worker's code has to be found both when Daoze runs from its built files (`dist/batch-worker.js`, next to
 * the bundle that contains this module) and when it runs from source under tsx or vitest (`worker.ts`, which
 * Node cannot load by itself: the worker first registers tsx's loader, then imports it). When neither is
 * available — a CommonJS bundle, tsx not installed — there is no pool and the batch runs in the main thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EditionSpec } from '../model/edition.js';
import type { ProfileInput } from '../registry.js';
import type { ChunkOptions, ChunkResult } from './chunk.js';

/**
 * What a worker needs to start: the validated editions and profiles the main thread read (plain data, cloned
 * into the worker, which then only compiles them: no YAML parsing or schema validation per worker), and how
 * to evaluate.
 */
export interface WorkerSetup {
  editions: EditionSpec[];
  profiles: ProfileInput[];
  options: ChunkOptions;
}

/** A message to a worker. */
export interface WorkerTask {
  seq: number;
  bytes: Uint8Array;
  firstLine: number;
}

/** A worker's answer. */
export type WorkerReply = { seq: number; result: ChunkResult } | { seq: number; error: string };

// Runs in the worker (CommonJS eval) when Daoze runs from source: register tsx, then load worker.ts.
const TSX_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((m) => { (m.register || m.default.register)(); return import(workerData.entry); })
  .catch((e) => { setImmediate(() => { throw e; }); });
`;

/** How to start the worker here, or undefined when it cannot be started. */
export function workerEntry(): { file: URL; tsxApi?: string } | undefined {
  let here: string;
  try {
    here = import.meta.url;
  } catch {
    return undefined;
  }
  if (!here) return undefined;
  if (/\.[cm]?ts$/.test(here)) {
    const entry = new URL('./worker.ts', here);
    try {
      const api =
        typeof import.meta.resolve === 'function'
          ? import.meta.resolve('tsx/esm/api')
          : pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href;
      return { file: entry, tsxApi: api };
    } catch {
      return undefined;
    }
  }
  const built = new URL('./batch-worker.js', here);
  return existsSync(fileURLToPath(built)) ? { file: built } : undefined;
}

/** How many worker threads a large batch uses by default: one per core but one (the main thread evaluates too), at most 7. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(7, availableParallelism() - 1));
}

/**
 * Heap limits for a worker. A batch's garbage dies young, so a smaller young generation than V8's default costs
 * little; a cap on the old generation makes V8 collect before the heap has grown far beyond what the worker
 * keeps (the compiled standards and a few chunks). With the built-in standards and one worker, 1M records
 * peaked at 285–297 MB resident without the cap and 243–252 MB with it, at the same speed (docs/performance.md).
 * The cap scales with what the main thread holds after loading the standards, so a large set of standards
 * still fits.
 */
export function workerLimits(): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const heapMb = process.memoryUsage().heapUsed / (1024 * 1024);
  return { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: Math.max(96, Math.ceil(3 * heapMb)) };
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>;
}

/** A fixed set of worker threads that evaluate chunks. */
export class WorkerPool {
  private readonly slots: Slot[];
  private failure: Error | undefined;

  private constructor(slots: Slot[]) {
    this.slots = slots;
  }

  /** Starts `size` workers, or returns undefined when workers cannot be started here. */
  static start(size: number, setup: WorkerSetup): WorkerPool | undefined {
    const entry = workerEntry();
    if (!entry || size < 1) return undefined;
    const slots: Slot[] = [];
    const pool = new WorkerPool(slots);
    for (let i = 0; i < size; i++) {
      const workerData = { setup, ...(entry.tsxApi ? { tsxApi: entry.tsxApi, entry: entry.file.href } : {}) };
      const resourceLimits = workerLimits();
      const worker = entry.tsxApi
        ? new Worker(TSX_BOOT, { eval: true, workerData, resourceLimits })
        : new Worker(entry.file, { workerData, resourceLimits });
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (m: WorkerReply) => {
        const p = slot.pending.get(m.seq);
        if (!p) return;
        slot.pending.delete(m.seq);
        if ('error' in m) p.reject(new Error(m.error));
        else p.resolve(m.result);
      });
      const fail = (e: Error) => {
        pool.failure ??= e;
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (slot.pending.size > 0) fail(new Error(`a batch worker stopped unexpectedly (exit code ${code})`));
      });
      slots.push(slot);
    }
    return pool;
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /** Sends a chunk to the least busy worker; its bytes are transferred, not copied. */
  submit(task: WorkerTask): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.pending.size < best.pending.size) best = s;
    return new Promise((resolve, reject) => {
      best.pending.set(task.seq, { resolve, reject });
      best.worker.postMessage(task, [task.bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
