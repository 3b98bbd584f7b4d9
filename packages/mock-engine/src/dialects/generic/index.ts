/**
 * The dialect of an API the mock has no dialect for: errors in the description's own
 * format with the default titles; JSON, forms and text; any credentials that are
 * present; plain-JSON records, filtered by query parameters named after their fields
 * (`?status=sold`), lists not paged.
 */
import type { SpecModel } from '@proseapi/openapi-model';
import type { Dialect } from '../../engine/dialect.js';
import { fieldFiltering } from '../../state/filters.js';
import { plainJson } from '../../state/representation.js';
import type { WorldDialect } from '../../state/world.js';
import { descriptionErrors } from './errors.js';

export function genericDialect(spec: SpecModel): Dialect {
  return { name: 'generic', errors: descriptionErrors(spec) };
}

export function genericWorld(): WorldDialect {
  return { representation: plainJson, filtering: fieldFiltering() };
}

export { descriptionErrors };
