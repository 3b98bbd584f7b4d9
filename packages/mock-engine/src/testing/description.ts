/** What a mock package serves by default, judged against the bundle it was built from. */
import { isDeepStrictEqual } from 'node:util';
import { compactDocument, type JsonObject } from '@proseapi/openapi-model';
import { hashSpec } from '../engine/validation.js';
import type { Mock } from '../mock.js';

export interface DefaultDescriptionFacts {
  /** The default description is the compact copy of the bundle. */
  compactCopy: boolean;
  /** The build compiled its validators from that very copy (the fingerprints are equal). */
  compiledFromIt: boolean;
  /** The mock takes the build's validators for its default description. */
  takenByDefault: boolean;
  /** And for the whole bundle, given as `spec`. */
  takenForWhole: boolean;
}

/**
 * The facts that let a package hand its validators over with its default description
 * unhashed: `create` builds the package's mock (stateless is enough), `specHash` is the
 * fingerprint its build wrote beside the validators.
 */
export function defaultDescriptionFacts(
  create: (options: { spec?: object }) => Mock,
  bundle: object,
  specHash: string,
): DefaultDescriptionFacts {
  const byDefault = create({});
  return {
    compactCopy: isDeepStrictEqual(byDefault.spec.doc, compactDocument(bundle as JsonObject)),
    compiledFromIt: hashSpec(byDefault.spec.doc) === specHash,
    takenByDefault: byDefault.engine.options.validators.precompiled,
    takenForWhole: create({ spec: bundle }).engine.options.validators.precompiled,
  };
}
