/**
 * `daoze build`: compiles the standards into one JSON bundle for the checklist SDK (`daoze/sdk`), which loads
 * it with no YAML parser and no schema validator, and optionally writes a JSON Schema per edition for the
 * observations it accepts (for apps in other languages).
 */
import { dirname, join } from 'node:path';
import { createBundle, observationSchema } from '../../bundle/write.js';
import { signBundle } from '../../bundle/sign.js';
import { readPrivateKeyFile } from './keygen.js';
import { checkWritable, color, ensureFolder, EXIT, err, out, UsageError, writeFileAtomic } from '../io.js';
import { registryFor } from '../load.js';
import type { Command } from './types.js';

export const build: Command = {
  name: 'build',
  summary: 'Compile the standards into a JSON bundle for daoze/sdk (and observation JSON Schemas with --schemas)',
  usage: 'daoze build [--out bundle.json] [--only id[@version]]... [--schemas dir] [--sign key.key] [--standards dir]',
  args: {
    out: { type: 'string', short: 'o' },
    only: { type: 'string', multiple: true },
    schemas: { type: 'string' },
    sign: { type: 'string' },
  },
  // The bundle is JSON already, whatever --format says; a different --format is a mistake worth naming.
  formats: ['text'],
  run({ positionals, values, common }) {
    if (positionals.length) throw new UsageError('usage.buildArgument', { arg: positionals[0]! });
    const registry = registryFor(common);
    const only = (values.only as string[] | undefined) ?? [];
    // --only takes an id (every version) or an exact id@version; an unknown one is an error, not an empty bundle.
    for (const ref of only)
      if (!registry.editions.some((e) => e.id === ref || e.ref === ref))
        throw new UsageError('usage.buildOnly', { ref, known: registry.editions.map((e) => e.ref).join(', ') });
    const editions = only.length
      ? registry.editions.filter((e) => only.some((r) => r === e.id || r === e.ref))
      : registry.editions;
    // --sign: read the key before building, so a bad key file fails before anything is written.
    const key = values.sign !== undefined ? readPrivateKeyFile(values.sign as string) : undefined;
    const bundle = key ? signBundle(createBundle(editions), key) : createBundle(editions);
    const text = `${JSON.stringify(bundle)}\n`;
    // Output paths are checked before anything is written, so a failed run writes nothing.
    if (values.out) {
      ensureFolder(dirname(values.out as string));
      checkWritable(values.out as string);
    }
    if (values.schemas) ensureFolder(values.schemas as string);
    const say = values.out ? out : err;
    if (values.out) {
      const file = values.out as string;
      ensureFolder(dirname(file));
      writeFileAtomic(file, text);
    } else out(text.trimEnd());
    say(
      color.green(
        `✓ ${editions.length} edition(s), ${(Buffer.byteLength(text) / 1024).toFixed(1)} kB${key ? `, signed by key ${key.keyId}` : ''}${values.out ? ` → ${values.out as string}` : ''}`,
      ),
    );
    if (values.schemas) {
      for (const ed of editions) {
        const file = join(values.schemas as string, ed.id, `${ed.version}.observation.schema.json`);
        ensureFolder(dirname(file));
        writeFileAtomic(file, `${JSON.stringify(observationSchema(ed), null, 2)}\n`);
      }
      say(color.green(`✓ ${editions.length} observation schema(s) → ${values.schemas as string}`));
    }
    return EXIT.ok;
  },
};
