// Run by `npm run build` after tsup: snapshots the built-in standards beside the built code (dist/), so the
// CLI starts without parsing YAML. loadRegistry uses it only while it matches the files on disk exactly, the
// editions lock included, and checks its published editions against that lock again.
import { writeBuiltinSnapshot, builtinSnapshotPath } from '../dist/node.js';

writeBuiltinSnapshot();
console.log(`snapshot: ${builtinSnapshotPath()}`);
