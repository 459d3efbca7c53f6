/**
 * A batch worker thread: loads the standards once, then evaluates each chunk it is sent and answers with the
 * chunk's result. Built as its own entry (`dist/batch-worker.js`) so the published CLI can start it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinProfilesDir, builtinStandardsDir, loadRegistry } from '../node.js';
import { evaluateChunk } from './chunk.js';
import type { WorkerReply, WorkerSetup, WorkerTask } from './pool.js';

const port = parentPort;
if (port) {
  const { setup } = workerData as { setup: WorkerSetup };
  // The same standards and profiles as the main thread (src/cli/load.ts).
  const registry = loadRegistry(setup.standards ?? builtinStandardsDir(), setup.profiles ?? builtinProfilesDir());
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
