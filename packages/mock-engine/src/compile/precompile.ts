/**
 * Build-time code generation: turns a bundled description into Ajv standalone validation
 * code (one CommonJS module and an ES module re-exporting it), so that a mock starts
 * without compiling a single schema.
 */
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from '../engine/ajv.js';
import { collectSchemas, hashSpec, type ResourceSchemaOf } from '../engine/validation.js';
import type { Representation } from '../state/representation.js';

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ??
  standaloneModule) as unknown as StandaloneCode;

export interface PrecompiledSources {
  /** CommonJS module exporting `specHash` and `validators` (key → validate function). */
  cjs: string;
  /** ES module re-exporting the CommonJS one (it imports `./<cjsFileName>`). */
  esm: string;
  /** How many validators the modules hold. */
  count: number;
}

/** Where records sit in answers, read from a representation (for stored-record validators). */
export function resourceSchemaOf(representation: Representation): ResourceSchemaOf {
  return (doc, schema) => representation.locate(doc as JsonObject, schema)?.schema;
}

export function precompileValidators(
  doc: JsonObject,
  options: { cjsFileName: string; representation?: Representation },
): PrecompiledSources {
  const model = buildSpecModel(doc);
  const schemas = collectSchemas(
    model,
    options.representation ? resourceSchemaOf(options.representation) : undefined,
  );
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
    `import precompiled from './${options.cjsFileName}';`,
    'export const validators = precompiled.validators;',
    'export const specHash = precompiled.specHash;',
    '',
  ].join('\n');
  return { cjs, esm, count: index };
}
