/**
 * A batch worker thread: compiles the standards the main thread sends once, then evaluates each chunk it is sent and answers with the
 * chunk's result. Built as its own entry (`dist/batch-worker.js`) so the published CLI can start it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '../registry.js';
import { evaluateChunk } from './chunk.js';
import type { WorkerReply, WorkerSetup, WorkerTask } from './pool.js';

const port = parentPort;
if (port) {
  const { setup } = workerData as { setup: WorkerSetup };
  // The editions and profiles the main thread read and validated: the same registry, compiled here.
  const registry = createRegistry(setup.editions, { profiles: setup.profiles });
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      reply = { seq: task.seq, result: evaluateChunk(registry, task.bytes, task.firstLine, setup.options) };
    } catch (e) {
      // A bug, not bad input (bad lines are part of the result): hand it to the main thread to report.
      reply = { seq: task.seq, error: (e as Error)?.stack ?? String(e) };
    }
    port.postMessage(reply);
  });
}
