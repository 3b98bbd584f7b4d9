/**
 * Errors in a description's own format, for APIs without a dialect of their own: the
 * error response the operation declares for the status (else the first error response
 * of the document) gives the shape, from its example or its schema; the titles go into
 * its message member (`message`, `title`, `detail` …, one array item per problem when
 * the member sits in a list) and the status into its status member (`status`, `code` …).
 */
import {
  findResponse,
  isJsonMediaType,
  isObject,
  type JsonObject,
  type MediaModel,
  type OperationModel,
  resolveSchema,
  type SpecModel,
} from '@proseapi/openapi-model';
import { conform, fillValue } from '../../engine/conform.js';
import type { ErrorFormat, Problem } from '../../engine/problems.js';

const MESSAGE_MEMBERS = [
  'message',
  'title',
  'detail',
  'error_description',
  'errorMessage',
  'error',
  'description',
  'reason',
  'msg',
  // A list of message strings: one per problem.
  'errors',
  'messages',
];
const STATUS_MEMBERS = ['status', 'statusCode', 'status_code', 'httpStatus', 'code'];

type Step = string | number;

/** Where the titles and the status go in one error template. */
interface ErrorPlan {
  mediaType: string;
  schema: unknown;
  template: unknown;
  /** Path to the message member; a `0` step is the list that gets one item per problem. */
  message: Step[] | undefined;
  status: { path: Step[]; numeric: boolean } | undefined;
}

function memberTypes(doc: JsonObject, schema: unknown): string[] {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return [];
  if (typeof resolved.type === 'string') return [resolved.type];
  return Array.isArray(resolved.type) ? resolved.type.map(String) : [];
}

function childSchema(doc: JsonObject, schema: unknown, step: Step): unknown {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return undefined;
  if (typeof step === 'number') return resolved.items;
  if (isObject(resolved.properties) && Object.hasOwn(resolved.properties, step)) {
    return resolved.properties[step];
  }
  return undefined;
}

/** Breadth-first search for the first member named like one of `names` (in their order). */
function findMember(
  doc: JsonObject,
  template: unknown,
  schema: unknown,
  names: string[],
  accept: (value: unknown, schema: unknown) => boolean,
): Step[] | undefined {
  let level: { value: unknown; schema: unknown; path: Step[] }[] = [
    { value: template, schema, path: [] },
  ];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const name of names) {
      for (const node of level) {
        if (isObject(node.value) && Object.hasOwn(node.value, name)) {
          const member = node.value[name];
          if (accept(member, childSchema(doc, node.schema, name))) return [...node.path, name];
        }
      }
    }
    for (const node of level) {
      if (Array.isArray(node.value) && node.value.length > 0) {
        next.push({
          value: node.value[0],
          schema: childSchema(doc, node.schema, 0),
          path: [...node.path, 0],
        });
      } else if (isObject(node.value)) {
        for (const [key, member] of Object.entries(node.value)) {
          if (typeof member === 'object' && member !== null) {
            next.push({
              value: member,
              schema: childSchema(doc, node.schema, key),
              path: [...node.path, key],
            });
          }
        }
      }
    }
    level = next;
  }
  return undefined;
}

function setAt(target: unknown, path: Step[], value: unknown): void {
  let current = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) current = current[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = value;
}

function jsonMedia(content: MediaModel[]): MediaModel | undefined {
  return content.find((m) => isJsonMediaType(m.mediaType));
}

/** The description's error format, filled with the engine's titles. */
export function descriptionErrors(spec: SpecModel): ErrorFormat {
  const doc = spec.doc;
  const plans = new Map<MediaModel, ErrorPlan>();
  let fallback: MediaModel | null | undefined;

  const firstError = (op: OperationModel): MediaModel | undefined => {
    for (const response of op.responses) {
      if (!/^4|^DEFAULT$/.test(response.status)) continue;
      const media = jsonMedia(response.content);
      if (media?.schema !== undefined) return media;
    }
    return undefined;
  };
  // For a status nobody declares: the operation's first error response with a JSON body,
  // else the first one in the document.
  const otherError = (op: OperationModel | undefined): MediaModel | undefined => {
    const own = op ? firstError(op) : undefined;
    if (own) return own;
    if (fallback === undefined) {
      fallback = null;
      for (const candidate of spec.operations) {
        const media = firstError(candidate);
        if (media) {
          fallback = media;
          break;
        }
      }
    }
    return fallback ?? undefined;
  };

  const planOf = (media: MediaModel): ErrorPlan => {
    let plan = plans.get(media);
    if (plan) return plan;
    const example = media.examples.find((e) => isObject(e.value))?.value;
    const template =
      example !== undefined ? structuredClone(example) : fillValue(media.schema, doc);
    const message: Step[] | undefined = findMember(
      doc,
      template,
      media.schema,
      MESSAGE_MEMBERS,
      (value, schema) =>
        typeof value === 'string' ||
        memberTypes(doc, schema).includes('string') ||
        (Array.isArray(value) && typeof value[0] === 'string'),
    );
    if (message) {
      let node: unknown = template;
      for (const step of message) node = (node as Record<string | number, unknown>)[step];
      if (Array.isArray(node)) message.push(0);
    }
    const statusPath = findMember(
      doc,
      template,
      media.schema,
      STATUS_MEMBERS,
      (value, schema) =>
        typeof value === 'string' ||
        typeof value === 'number' ||
        memberTypes(doc, schema).some((t) => ['string', 'integer', 'number'].includes(t)),
    );
    let status: ErrorPlan['status'];
    if (statusPath) {
      let node: unknown = template;
      for (const step of statusPath) node = (node as Record<string | number, unknown>)[step];
      status = { path: statusPath, numeric: typeof node === 'number' };
    }
    plan = { mediaType: media.mediaType, schema: media.schema, template, message, status };
    plans.set(media, plan);
    return plan;
  };

  const fill = (plan: ErrorPlan, status: number, problems: Problem[]): unknown => {
    const value = structuredClone(plan.template);
    const statusValue = plan.status?.numeric ? status : String(status);
    const list = plan.message?.indexOf(0) ?? -1;
    if (plan.message && list !== -1) {
      // One item of the list per problem.
      const listPath = plan.message.slice(0, list);
      const inItem = plan.message.slice(list + 1);
      let holder: unknown = value;
      for (const step of listPath) holder = (holder as Record<string | number, unknown>)[step];
      const item = (holder as unknown[])[0];
      const items = problems.map((problem) => {
        const copy = structuredClone(item);
        if (inItem.length === 0) return problem.title;
        setAt(copy, inItem, problem.title);
        return copy;
      });
      if (listPath.length === 0) return conform(items, plan.schema, doc);
      setAt(value, listPath, items);
    } else if (plan.message) {
      setAt(value, plan.message, problems.map((p) => p.title).join('; '));
    }
    if (plan.status && !(plan.message && list !== -1 && plan.status.path.includes(0))) {
      setAt(value, plan.status.path, statusValue);
    } else if (plan.status && plan.message) {
      // The status sits in each item, beside the message.
      const at = plan.status.path.indexOf(0);
      const listPath = plan.status.path.slice(0, at);
      let holder: unknown = value;
      for (const step of listPath) holder = (holder as Record<string | number, unknown>)[step];
      for (const item of holder as unknown[]) {
        setAt(item, plan.status.path.slice(at + 1), statusValue);
      }
    }
    return conform(value, plan.schema, doc);
  };

  return {
    render(op: OperationModel | undefined, status: number, problems: Problem[]) {
      const declared = op ? findResponse(op, status) : undefined;
      // A status the operation declares without a body is answered without one.
      if (declared && declared.content.length === 0)
        return { mediaType: undefined, value: undefined };
      const media = declared ? jsonMedia(declared.content) : otherError(op);
      if (!media) {
        return {
          mediaType: 'application/json',
          value: { message: problems.map((p) => p.title).join('; '), status },
        };
      }
      return { mediaType: media.mediaType, value: fill(planOf(media), status, problems) };
    },
  };
}
