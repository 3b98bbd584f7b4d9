/**
 * The run-time side of validation: an Ajv (JSON Schema 2020-12) instance that knows the
 * document, for the build step and for documents the build did not see. A mock started
 * on the document its build compiled never loads this module.
 */

import type { SpecModel } from '@proseapi/openapi-model';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  collectSchemas,
  type ResourceSchemaOf,
  SPEC_ID,
  type ValidateFn,
  type Validators,
} from './validation.js';

// OpenAPI's own formats: accepted as they are (Ajv would reject unknown formats).
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** The Ajv instance the engine and its build step use: JSON Schema 2020-12, all errors. */
export function createAjv(
  doc: unknown,
  options: { source?: boolean; esm?: boolean } = {},
): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    inlineRefs: false,
    code: { source: options.source === true, esm: options.esm === true, lines: false },
  });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  ajv.addSchema({ ...(doc as object), $id: SPEC_ID }, SPEC_ID);
  return ajv;
}

/** Validators compiled on first use, for documents the build did not see. */
export function createRuntimeValidators(
  model: SpecModel,
  resourceSchemaOf?: ResourceSchemaOf,
): Validators {
  const schemas = collectSchemas(model, resourceSchemaOf);
  const cache = new Map<string, ValidateFn | undefined>();
  // Many keys share one schema: each is compiled once.
  const compiled = new Map<string, ValidateFn>();
  let ajv: Ajv2020 | undefined;
  return {
    precompiled: false,
    get(key) {
      if (cache.has(key)) return cache.get(key);
      const schema = schemas.get(key);
      let fn: ValidateFn | undefined;
      if (schema !== undefined) {
        const text = JSON.stringify(schema);
        fn = compiled.get(text);
        if (!fn) {
          ajv ??= createAjv(model.doc);
          fn = ajv.compile(schema as object) as ValidateFn;
          compiled.set(text, fn);
        }
      }
      cache.set(key, fn);
      return fn;
    },
  };
}
