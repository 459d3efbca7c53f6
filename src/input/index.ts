/** Reading untrusted input: bytes to text (strict UTF-8), text to JSON (strict), and bounds on values handed over directly. */
export { decodeUtf8, stripBom, firstInvalidByte } from './utf8.js';
export { parseJson, checkJsonText, MAX_JSON_DEPTH, type ParseJsonOptions } from './json.js';
export { checkJsonValue, MAX_VALUE_NODES } from './depth.js';
export { lineStarts, positionAt } from './position.js';
