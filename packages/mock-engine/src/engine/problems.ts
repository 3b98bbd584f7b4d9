/**
 * What the engine refuses and how it words it. The words are the dialect's (`Titles`);
 * the engine only finds the member at fault and the kind of fault.
 */
import { isObject, type OperationModel, resolveSchema } from '@proseapi/openapi-model';
import type { ErrorObject } from './validation.js';

/** One problem to report in an error answer. */
export interface Problem {
  title: string;
  status: number;
}

/** The texts of the refusals the engine makes itself. */
export interface Titles {
  /** A member (`name`, `amount.total`, `filter[key]`) that is missing or empty. */
  missing(member: string): string;
  /** A member whose value breaks its schema. */
  invalid(member: string): string;
  /** A body that is absent or of the wrong kind altogether. */
  bodyMissing: string;
  /** A body the media type's codec cannot read. */
  malformedBody: string;
  /** No credentials where the operation needs them. */
  credentialsMissing: string;
  /** Credentials nobody holds. */
  credentialsInvalid: string;
  /** No path of the description matches. */
  noOperation: string;
  methodNotAllowed(method: string): string;
  bodyTooLarge(limit: number): string;
  unsupportedMediaType(sent: string, accepted: string): string;
  /** An injected 5xx. */
  injectedFault: string;
  /** No record with this id (stateful). */
  notFound: string;
  /** `Prefer: code=…` names a status the operation does not declare. */
  noResponse(status: number): string;
  /** `Prefer: example=…` names an example the response does not have. */
  noExample(status: number, name: string): string;
  /** A body that nests deeper than the mock takes. */
  bodyTooDeep(limit: number): string;
  /** A body with more members and items than the mock takes. */
  bodyTooManyMembers(limit: number): string;
  /**
   * The store cannot take the change: its records would pass `limit` characters of JSON
   * in all (`total`) or under one tenant (`tenant`), or a collection has no numeric id left.
   */
  storeFull(scope: 'total' | 'tenant' | 'ids', limit: number): string;
  /** The mock failed while answering (a fault of its own). */
  internal: string;
  /** A refusal made before the request reaches an operation (`node:http`'s own cases). */
  transport(status: number): string;
  /** The administration endpoints asked for without their secret. */
  adminSecret: string;
  /** A state the administration endpoint refuses, and why. */
  stateRefused(reason: string): string;
}

const TRANSPORT_TITLES: Record<number, string> = {
  400: 'The request cannot be read as HTTP',
  405: 'The mock opens no tunnels (CONNECT)',
  408: 'The request did not arrive in time',
  417: 'The Expect header asks for what the mock cannot do',
  431: 'The request headers are too large',
  503: 'The mock has too many open connections; try again',
};

export const DEFAULT_TITLES: Titles = {
  missing: (member) => `${member} is missing or empty`,
  invalid: (member) => `${member} is invalid`,
  bodyMissing: 'The request body is missing or malformed',
  malformedBody: 'Malformed request body',
  credentialsMissing: 'Credentials are missing',
  credentialsInvalid: 'Credentials are invalid',
  noOperation: 'No operation matches this path',
  methodNotAllowed: (method) => `Method ${method} is not allowed here`,
  bodyTooLarge: (limit) => `Request body is larger than ${limit} bytes`,
  unsupportedMediaType: (sent, accepted) => `Unsupported media type ${sent}; send ${accepted}`,
  injectedFault: 'Internal Server Error',
  notFound: 'Resource not found',
  noResponse: (status) => `The operation declares no response with status ${status}`,
  noExample: (status, name) => `The response ${status} has no example named ${name}`,
  bodyTooDeep: (limit) => `The request body nests deeper than ${limit} levels`,
  bodyTooManyMembers: (limit) => `The request body holds more than ${limit} members and items`,
  storeFull: (scope, limit) =>
    scope === 'ids'
      ? 'No numeric identifier is left in this collection'
      : scope === 'tenant'
        ? `The records of this tenant would pass the mock's limit of ${limit} characters; delete some first`
        : `The mock's records would pass its limit of ${limit} characters; delete some or reset it`,
  internal: 'The mock failed to answer this request',
  transport: (status) => TRANSPORT_TITLES[status] ?? 'The request cannot be read',
  adminSecret: 'The administration endpoints need the X-Mock-Admin-Secret header',
  stateRefused: (reason) => `Cannot load this state: ${reason}`,
};

/** How an API writes its error answers: the titles of the engine's refusals and the body. */
export interface ErrorFormat {
  /** Overrides of the default titles. */
  titles?: Partial<Titles>;
  /**
   * The body of an error answer of `op` (undefined outside any operation) for one
   * status and its problems (at least one), and its media type (none: no body).
   * `context.accept` is the `Accept` the request asks with, for APIs that answer errors
   * in more than one media type. The body is written with the schema the operation
   * declares for the status and media type, unless `schema` names another (needed by a
   * media type such as XML for an answer outside any operation).
   */
  render(
    op: OperationModel | undefined,
    status: number,
    problems: Problem[],
    context?: ErrorContext,
  ): { mediaType: string | undefined; value: unknown; schema?: unknown };
}

/** What an error answer may depend on beyond its status and problems. */
export interface ErrorContext {
  accept: string | undefined;
}

const EMPTINESS = new Set(['required', 'minItems', 'minLength', 'minProperties', 'type']);

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
 * Turns a validator's errors for a request body into problems named after the member
 * at fault (array positions dropped: `tags`, `price.amount`), in the order the
 * schema lists its members, one problem per member.
 */
export function bodyProblems(
  titles: Titles,
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
    if (
      error.keyword === 'additionalProperties' &&
      typeof error.params.additionalProperty === 'string'
    ) {
      segments.push(error.params.additionalProperty);
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    let name = segments.join('.');
    if (name === '') {
      const first = rootRequired[0];
      if (!first) {
        located.push({ name: '', empty: true, order: -1 });
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
  return dedupe(titles, located, status);
}

/** The same for parameters: `filter[key]`, `page[size]`, `shelf_id`. */
export function paramProblems(titles: Titles, errors: ErrorObject[], status: number): Problem[] {
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
  return dedupe(titles, located, status);
}

function dedupe(titles: Titles, located: Located[], status: number): Problem[] {
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
        entry.name === ''
          ? titles.bodyMissing
          : entry.empty
            ? titles.missing(entry.name)
            : titles.invalid(entry.name),
      status,
    });
  }
  return problems;
}
