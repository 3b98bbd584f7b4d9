// @ts-check
export { downconvert, OAS30_VERSION } from './document.mjs';
export { summarizeLosses, variantPaths, writeVariant } from './files.mjs';
export { DownconvertError } from './schema.mjs';
