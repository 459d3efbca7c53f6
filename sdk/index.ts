/**
 * The checklist SDK (`daoze/sdk`). Reserved: the checklist API lands in the next release; until then this entry
 * re-exports the engine's pure evaluation API, which already runs in browsers.
 * @packageDocumentation
 */
export { compileEdition, evaluate, evaluateOutcomes, ObservationError, DaozeError } from '../src/index.js';
export type { CompiledEdition, Verdict, Observation, EditionSpec } from '../src/index.js';
