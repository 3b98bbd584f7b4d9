/**
 * Build-time code generation: turns a bundled OpenAPI document into Ajv standalone
 * validation code, so that the mock starts without compiling a single schema.
 * `scripts/build-validators.mjs` runs it during `pnpm build`.
 */
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from './engine/ajv.js';
import { buildSpecModel, type JsonObject } from './engine/openapi.js';
import { collectSchemas, hashSpec } from './engine/validation.js';

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

export interface PrecompiledSources {
  /** CommonJS module exporting `specHash` and `validators` (key → validate function). */
  cjs: string;
  /** ES module re-exporting the CommonJS one. */
  esm: string;
  /** How many validators the modules hold. */
  count: number;
}

export function precompileValidators(doc: JsonObject, cjsFileName: string): PrecompiledSources {
  const model = buildSpecModel(doc);
  const schemas = collectSchemas(model);
  const ajv = createAjv(doc, { source: true });
  const refs: Record<string, string> = {};
  const names: Record<string, string> = {};
  let index = 0;
  for (const [key, schema] of schemas) {
    const id = `v${index}.json`;
    ajv.addSchema(schema as object, id);
    refs[`v${index}`] = id;
    names[key] = `v${index}`;
    index++;
  }
  const code = standaloneCode(ajv, refs);
  const cjs = [
    code,
    `const names = ${JSON.stringify(names)};`,
    'const validators = {};',
    'for (const key of Object.keys(names)) validators[key] = exports[names[key]];',
    'exports.validators = validators;',
    `exports.specHash = ${JSON.stringify(hashSpec(doc))};`,
    '',
  ].join('\n');
  const esm = [
    `import precompiled from './${cjsFileName}';`,
    'export const validators = precompiled.validators;',
    'export const specHash = precompiled.specHash;',
    '',
  ].join('\n');
  return { cjs, esm, count: index };
}
