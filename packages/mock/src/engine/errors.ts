import { findResponse, isObject, type OperationModel, resolveSchema } from './openapi.js';
import type { ErrorObject } from './validation.js';

/** One problem to report in an error answer. */
export interface Problem {
  title: string;
  status: number;
}

const EMPTINESS = new Set(['required', 'minItems', 'minLength', 'minProperties', 'type']);

export function missingTitle(name: string): string {
  return `param is missing or the value is empty: ${name}`;
}

export function invalidTitle(name: string): string {
  return `param is invalid: ${name}`;
}

interface Located {
  name: string;
  empty: boolean;
  order: number;
}

function pathSegments(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Turns Ajv's errors for a request body into problems named after the member at
 * fault (array positions dropped: `account_ids`, `amount.total`), in the order the
 * schema lists its members, one problem per member.
 */
export function bodyProblems(
  doc: unknown,
  schema: unknown,
  errors: ErrorObject[],
  status: number,
): Problem[] {
  const root = resolveSchema(doc, schema);
  const rootRequired =
    isObject(root) && Array.isArray(root.required) ? (root.required as string[]) : [];
  const rootOrder =
    isObject(root) && isObject(root.properties) ? Object.keys(root.properties) : ([] as string[]);
  const located: Located[] = [];
  for (const error of errors) {
    const segments = pathSegments(error.instancePath).filter((s) => !/^[0-9]+$/.test(s));
    if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
      segments.push(error.params.missingProperty);
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    let name = segments.join('.');
    if (name === '') {
      const first = rootRequired[0];
      if (!first) {
        located.push({ name: 'request body', empty: true, order: -1 });
        continue;
      }
      name = first;
    }
    const top = name.split('.')[0] as string;
    const index = rootOrder.indexOf(top);
    const requiredIndex = rootRequired.indexOf(top);
    located.push({
      name,
      empty: EMPTINESS.has(error.keyword),
      order: index !== -1 ? index : requiredIndex !== -1 ? requiredIndex : rootOrder.length,
    });
  }
  return dedupe(located, status);
}

/** The same for parameters: `filter[key]`, `page[size]`, `reseller_id`. */
export function paramProblems(errors: ErrorObject[], status: number): Problem[] {
  const located: Located[] = [];
  for (const error of errors) {
    const segments = pathSegments(error.instancePath);
    if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
      segments.push(error.params.missingProperty);
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const [, param, ...members] = segments;
    if (!param) continue;
    const name = param + members.map((m) => `[${m}]`).join('');
    located.push({ name, empty: EMPTINESS.has(error.keyword), order: 0 });
  }
  return dedupe(located, status);
}

function dedupe(located: Located[], status: number): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const sorted = located
    .map((entry, position) => ({ entry, position }))
    .sort((a, b) => a.entry.order - b.entry.order || a.position - b.position);
  for (const { entry } of sorted) {
    const top = entry.name.split(/[.[]/)[0] as string;
    if (seen.has(entry.name) || seen.has(top)) continue;
    seen.add(entry.name);
    problems.push({
      title:
        entry.name === 'request body'
          ? 'request body is missing or malformed'
          : entry.empty
            ? missingTitle(entry.name)
            : invalidTitle(entry.name),
      status,
    });
  }
  return problems;
}

/**
 * Whether the operation documents this error status with a single error object in
 * `errors` instead of an array (some APIs answer so for some methods).
 */
function singleObjectErrors(op: OperationModel | undefined, status: number): boolean {
  if (!op) return false;
  const response = findResponse(op, status);
  if (!response) return false;
  for (const media of response.content) {
    for (const example of media.examples) {
      if (isObject(example.value) && 'errors' in example.value) {
        return isObject(example.value.errors);
      }
    }
  }
  return false;
}

/** A JSON:API style error document `{"errors": [{title, status}]}` (or the single-object form). */
export function errorDocument(
  op: OperationModel | undefined,
  status: number,
  problems: Problem[],
): unknown {
  const list = (problems.length > 0 ? problems : [{ title: 'Error', status }]).map((p) => ({
    title: p.title,
    status: String(p.status),
  }));
  if (singleObjectErrors(op, status)) return { errors: list[0] };
  return { errors: list };
}
