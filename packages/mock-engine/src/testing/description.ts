/** What a mock package serves by default, judged against the bundle it was built from. */
import { isDeepStrictEqual } from 'node:util';
import { compactDocument, type JsonObject } from '@proseapi/openapi-model';
import { hashSpec } from '../engine/validation.js';
import type { Mock } from '../mock.js';

/**
 * What does not hold of the facts that let a package hand its validators over with its
 * default description unhashed (none: all hold). `create` builds the package's mock
 * (stateless is enough); `specHash` is the fingerprint its build wrote beside the validators.
 */
export function defaultDescriptionProblems(
  create: (options: { spec?: object }) => Mock,
  bundle: object,
  specHash: string,
): string[] {
  const byDefault = create({});
  const problems: string[] = [];
  if (!isDeepStrictEqual(byDefault.spec.doc, compactDocument(bundle as JsonObject))) {
    problems.push('the default description is not the compact copy of the bundle');
  }
  if (hashSpec(byDefault.spec.doc) !== specHash) {
    problems.push('the build did not compile its validators from the default description');
  }
  if (!byDefault.engine.options.validators.precompiled) {
    problems.push("the default description does not take the build's validators");
  }
  if (!create({ spec: bundle }).engine.options.validators.precompiled) {
    problems.push("the whole bundle does not take the build's validators");
  }
  return problems;
}
