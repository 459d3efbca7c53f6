/** City profiles from YAML text to validated specs, with positioned diagnostics. Pure: no file access. */
import type { Diagnostic } from '../errors.js';
import type { ProfileSpec } from '../model/edition.js';
import type { ExpectedIdentity } from './validate.js';
import { sortDiagnostics, validateSchema } from './schema.js';
import { parseYamlText, type ParsedText } from './yaml.js';
import { locationOf } from './report.js';

/** The result of reading a profile. */
export interface ProfileParseResult {
  profile?: ProfileSpec;
  diagnostics: Diagnostic[];
  locate?: ParsedText['locate'];
}

/**
 * Reads a profile: YAML, then its JSON Schema, then its identity against the file name. References into the base
 * edition are checked when the profile is applied (`applyProfile`), which needs the base.
 */
export function parseProfile(
  text: string,
  options: { file?: string; expected?: ExpectedIdentity } = {},
): ProfileParseResult {
  const file = options.file ?? '<profile>';
  const { parsed, diagnostics } = parseYamlText(text, file);
  if (!parsed) return { diagnostics };
  const schema = validateSchema('profile', parsed);
  if (schema.length) return { diagnostics: schema, locate: parsed.locate };
  const profile = parsed.data as ProfileSpec;
  const out: Diagnostic[] = [];
  for (const key of ['id', 'version'] as const) {
    const want = options.expected?.[key];
    if (want !== undefined && profile[key] !== want) {
      out.push({
        code: 'E_ID_MISMATCH',
        message: `${key} must equal the ${key === 'id' ? 'folder' : 'file'} name "${want}"`,
        location: locationOf({ file, locate: parsed.locate }, [key]),
        value: profile[key],
        allowed: [want],
      });
    }
  }
  return out.length
    ? { diagnostics: sortDiagnostics(out), locate: parsed.locate }
    : { profile, diagnostics: [], locate: parsed.locate };
}
