/**
 * Build-time code generation: the validators of the bundle as Ajv standalone code, with
 * the stored-record validators placed as the JSON:API layout says.
 * `scripts/build-validators.mjs` runs it during `pnpm build`.
 */

import { type PrecompiledSources, precompileValidators } from '@proseapi/mock-engine/compile';
import type { JsonObject } from '@proseapi/openapi-model';
import { jsonApi } from './dialect/jsonapi.js';

export function compileBundle(doc: JsonObject, partsDir?: string): PrecompiledSources {
  return precompileValidators(doc, { representation: jsonApi, partsDir });
}
