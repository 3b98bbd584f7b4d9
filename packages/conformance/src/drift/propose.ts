/**
 * From observed drift to a proposed change: each mismatch of a (merged) conformance report
 * becomes the smallest edit of the bundled description that makes the observed traffic
 * valid, as an action of an OpenAPI Overlay 1.0 document with its evidence. What no edit
 * can honestly express is left to a person, with the reason.
 */
import {
  deref,
  escapePointer,
  essence,
  isObject,
  type JsonObject,
  pointerGet,
} from '@proseapi/openapi-model';
import type { DescriptionId, Finding, Report, Sample, Standing } from '../report.js';
import { jsonPathOf, literal, pathSegment, pointerSegments } from './jsonpath.js';

/** The extension that carries an action's evidence. */
export const EVIDENCE = 'x-drift-evidence';

/** One mismatch behind an action, as the report has it. */
export interface Evidence {
  operation: string;
  operationId?: string;
  status: number;
  direction: Finding['direction'];
  pointer: string;
  kind: Finding['kind'];
  detail?: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  standing?: Standing;
  sample: Sample;
}

/** An Overlay 1.0 action: `update` merges into (or appends to) each target, `remove` takes it out. */
export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
  [EVIDENCE]: Evidence[];
}

export interface Overlay {
  overlay: '1.0.0';
  info: { title: string; version: string };
  actions: OverlayAction[];
  /** The description the traffic was checked against, and how much traffic. */
  'x-drift': { description: DescriptionId; recordedBy: string; exchanges: number };
}

/** What a reader looks for in a drift report. */
export type DriftCategory =
  | 'status'
  | 'new-field'
  | 'missing-field'
  | 'type'
  | 'value'
  | 'media-type'
  | 'error-text'
  | 'endpoint';

/** One mismatch, where it belongs, and what is proposed for it. */
export interface DriftItem {
  category: DriftCategory;
  finding: Finding;
  /** Index of the overlay action that answers it. */
  action?: number;
  /** Why no action answers it, or what a person still has to do after the action. */
  note?: string;
}

export interface Drift {
  report: Report;
  items: DriftItem[];
  overlay: Overlay;
}

/** Strings that look like record ids in a path: digits, UUIDs, long hexadecimal. */
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24,})$/i;

const REASON_EXAMPLE = 'Recorded from real traffic and redacted; not copied from a page.';
const REASON_MEMBER = 'No page shows this member; real traffic carried it.';
const REASON_ENDPOINT = 'No page shows this endpoint; real traffic reached it.';
const REASON_MEDIA = 'No page shows this media type here; real traffic carried it.';

function categoryOf(finding: Finding): DriftCategory {
  switch (finding.kind) {
    case 'unknown-operation':
      return 'endpoint';
    case 'undeclared-status':
      return 'status';
    case 'undeclared-member':
      return 'new-field';
    case 'error-text':
      return 'error-text';
    case 'undeclared-content-type':
    case 'unreadable-body':
      return 'media-type';
    default:
      if (finding.detail === 'required') return 'missing-field';
      if (finding.detail === 'type') return 'type';
      return 'value';
  }
}

function evidenceOf(finding: Finding): Evidence {
  return {
    operation: finding.operation,
    ...(finding.operationId ? { operationId: finding.operationId } : {}),
    status: finding.status,
    direction: finding.direction,
    pointer: finding.pointer,
    kind: finding.kind,
    ...(finding.detail !== undefined ? { detail: finding.detail } : {}),
    count: finding.count,
    firstSeen: finding.firstSeen,
    lastSeen: finding.lastSeen,
    ...(finding.standing ? { standing: finding.standing } : {}),
    sample: finding.sample,
  };
}

/** The value a body pointer (`*` for any index: the first) names in a sample body. */
function valueAt(body: unknown, pointer: string): { value: unknown } | undefined {
  let current = body;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) current = segment === '*' ? current[0] : current[Number(segment)];
    else if (isObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return { value: current };
}

/** The pointer a `$ref` chain starting at `pointer` ends on. */
function resolvedPointer(doc: unknown, pointer: string): string {
  let current = pointer;
  const seen = new Set<string>();
  for (;;) {
    const node = pointerGet(doc, current);
    if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) {
      return current;
    }
    if (seen.has(node.$ref)) return current;
    seen.add(node.$ref);
    current = node.$ref;
  }
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function seen(findings: readonly Finding[]): string {
  const count = findings.reduce((sum, f) => sum + f.count, 0);
  const first = findings.map((f) => f.firstSeen).sort()[0];
  return `seen ${times(count)}, first ${first}`;
}

/** Why a status is declared: no page shows it, traffic did. */
function statusReason(statuses: readonly number[]): string {
  return `No page shows this status; real traffic answered ${statuses.join(', ')}.`;
}

/**
 * An Example Object holding a recorded body (JSON kept as text is read back), or nothing
 * when the body was cut short.
 */
function recordedExample(sample: Sample, summary: string): JsonObject | undefined {
  if (sample.body === undefined || sample.truncated) return undefined;
  let value = sample.body;
  if (typeof value === 'string' && /json/i.test(sample.contentType ?? '')) {
    try {
      value = JSON.parse(value);
    } catch {
      // Not JSON after all: kept as the text it is.
    }
  }
  return { summary, value: value as JsonObject, 'x-assumed': REASON_EXAMPLE };
}

/** A name not yet taken among `taken`. */
function freeName(base: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** An action without its evidence. */
type Proposal = Omit<OverlayAction, typeof EVIDENCE>;

/** A candidate change, before actions are numbered. */
interface Change {
  key: string;
  findings: Finding[];
  build: (findings: Finding[]) => Proposal | Proposal[] | string;
}

export interface DriftOptions {
  /** The overlay's title (default: after the description's title). */
  title?: string;
}

/**
 * Reads a merged report against the bundled description it was checked with, and proposes
 * an overlay. `doc` is the bundle (local `#/components` references only).
 */
export function analyzeDrift(report: Report, doc: JsonObject, options: DriftOptions = {}): Drift {
  const changes = new Map<string, Change>();
  const items: DriftItem[] = [];
  const notes = new Map<Finding, string>();
  const add = (finding: Finding, key: string, build: Change['build']) => {
    const known = changes.get(key);
    if (known) known.findings.push(finding);
    else changes.set(key, { key, findings: [finding], build });
  };
  const templates = isObject(doc.paths) ? Object.keys(doc.paths) : [];

  for (const finding of report.findings) {
    items.push({ category: categoryOf(finding), finding });
    const why = plan(finding);
    if (why) notes.set(finding, why);
  }

  /** Files the finding under a change; returns why there is none. */
  function plan(finding: Finding): string | undefined {
    const at = finding.schemaPointer;
    switch (finding.kind) {
      case 'unknown-operation': {
        const [method = 'GET', path = '/'] = finding.operation.split(' ');
        const { template, params } = guessTemplate(path, templates);
        add(finding, `endpoint ${method} ${template}`, (found) =>
          endpointAction(doc, method.toLowerCase(), template, params, found),
        );
        return 'a person names its pages (x-sources) and completes the operation (identifier, tags, error answers) before it is published';
      }
      case 'undeclared-status': {
        const responses = at ?? '';
        if (!isObject(pointerGet(doc, responses)))
          return 'the operation has no responses to add to';
        const key = finding.status >= 200 && finding.status < 300 ? '2XX' : String(finding.status);
        add(finding, `status ${responses} ${key}`, (found) =>
          statusAction(doc, responses, key, found),
        );
        return undefined;
      }
      case 'undeclared-member': {
        if (!at || !isObject(pointerGet(doc, at))) return 'the schema that holds it was not found';
        const name = pointerSegments(finding.pointer).at(-1) ?? '';
        add(finding, `member ${at} ${name}`, (found) => memberAction(doc, at, name, found));
        return undefined;
      }
      case 'error-text': {
        const media = at ? pointerGet(doc, at) : undefined;
        if (!at || !isObject(media)) return 'the media type that shows error texts was not found';
        if ('example' in media)
          return 'the media type has a bare example, beside which no named one may stand';
        add(finding, `text ${at} ${finding.detail ?? ''}`, (found) =>
          errorTextAction(doc, at, found),
        );
        return 'the text is proposed as seen, not as documented; a page that shows it would make it a fact';
      }
      case 'undeclared-content-type': {
        const observed = finding.detail ?? '';
        if (!at || !/^[\w.+-]+\/[\w.+-]+$/.test(observed)) {
          return 'no body, or a body without a media type: a person decides';
        }
        add(finding, `media ${at} ${observed}`, (found) => mediaAction(doc, at, observed, found));
        return undefined;
      }
      case 'unreadable-body':
        return 'the body cannot be read as its own media type: the API, not the description, is at fault';
      case 'invalid-value':
        return planValue(finding);
    }
    return undefined;
  }

  function planValue(finding: Finding): string | undefined {
    const at = finding.schemaPointer;
    if (!at) return 'the part of the description it breaks was not found';
    const node = pointerGet(doc, at);
    if (!isObject(node)) return 'the part of the description it breaks was not found';
    if (/\/parameters\/\d+$/.test(at)) return planParameter(finding, at, node);
    const keyword = finding.detail ?? '';
    if (keyword === 'required') {
      const name = pointerSegments(finding.pointer).at(-1) ?? '';
      if (!Array.isArray(node.required) || !node.required.includes(name)) {
        return 'the list that requires it was not found';
      }
      add(finding, `required ${at} ${name}`, (found) => ({
        target: `${jsonPathOf(doc, at)}.required[?(@ == ${literal(name)})]`,
        description: `"${name}" is not always sent (${seen(found)}): no longer required.`,
        remove: true,
      }));
      return undefined;
    }
    if (keyword === 'type') {
      add(finding, `type ${at}`, (found) => typeAction(doc, at, found));
      return undefined;
    }
    if (keyword === 'enum') {
      const value = valueAt(finding.sample.body, finding.pointer);
      if (!value || !Array.isArray(node.enum)) return 'the value seen is not in the sample';
      const values = [...node.enum, value.value];
      add(finding, `enum ${at} ${JSON.stringify(value.value)}`, (found) =>
        replaceList(
          doc,
          at,
          'enum',
          values,
          `The value ${JSON.stringify(value.value)} was seen (${seen(found)}): one more allowed value.`,
        ),
      );
      return undefined;
    }
    if (!(keyword in node)) return `the keyword "${keyword}" was not found where it applies`;
    add(finding, `keyword ${at} ${keyword}`, (found) => ({
      target: `${jsonPathOf(doc, at)}${pathSegment(keyword)}`,
      description: `Values outside "${keyword}" were seen (${seen(found)}): the constraint goes.`,
      remove: true,
    }));
    return undefined;
  }

  function planParameter(finding: Finding, at: string, node: JsonObject): string | undefined {
    const parameter = deref<JsonObject>(doc, node);
    const resolved = resolvedPointer(doc, at);
    if (!isObject(parameter)) return 'the parameter was not found';
    if (finding.detail === 'required' && parameter.in !== 'path') {
      add(finding, `parameter-required ${resolved}`, (found) => ({
        target: jsonPathOf(doc, resolved),
        description: `The parameter "${String(parameter.name)}" was left out and the call still succeeded (${seen(found)}): optional.`,
        update: { required: false },
      }));
      return undefined;
    }
    if (finding.detail === 'type' && pointerSegments(finding.pointer).length === 2) {
      const schema = resolvedPointer(doc, `${resolved}/schema`);
      if (!isObject(pointerGet(doc, schema))) return 'the parameter has no schema';
      add(finding, `type ${schema}`, (found) => typeAction(doc, schema, found));
      return undefined;
    }
    return 'a parameter value inside a structured parameter: a person decides';
  }

  const actions: OverlayAction[] = [];
  const actionOf = new Map<Finding, number>();
  for (const change of changes.values()) {
    const built = change.build(change.findings);
    if (typeof built === 'string') {
      for (const f of change.findings) notes.set(f, built);
      continue;
    }
    const index = actions.length;
    for (const proposal of Array.isArray(built) ? built : [built]) {
      actions.push({ ...proposal, [EVIDENCE]: change.findings.map(evidenceOf) });
    }
    for (const f of change.findings) actionOf.set(f, index);
  }
  for (const item of items) {
    const index = actionOf.get(item.finding);
    if (index !== undefined) item.action = index;
    const note = notes.get(item.finding);
    if (note) item.note = note;
  }

  const { title, version } = report.description;
  const overlay: Overlay = {
    overlay: '1.0.0',
    info: {
      title:
        options.title ??
        `Drift of ${title ?? 'the description'}${version ? ` ${version}` : ''} seen in real traffic`,
      version: report.updated.slice(0, 10) || '1.0.0',
    },
    actions,
    'x-drift': {
      description: { ...report.description },
      recordedBy: report.recordedBy,
      exchanges: report.exchanges,
    },
  };
  return { report, items, overlay };
}

/**
 * A path template for a path the description lacks: a segment becomes a parameter where an
 * existing template with the same beginning has one there (its name is kept), or where it
 * looks like a record id.
 */
export function guessTemplate(
  path: string,
  templates: readonly string[],
): { template: string; params: string[] } {
  const segments = path.split('/');
  const split = templates.map((t) => t.split('/'));
  const isParam = (s: string | undefined) => s !== undefined && /^\{[^}]+\}$/.test(s);
  const out: string[] = [];
  const params: string[] = [];
  segments.forEach((segment, i) => {
    const named = split.find(
      (t) =>
        isParam(t[i]) &&
        t.slice(0, i).every((part, j) => (isParam(part) ? isParam(out[j]) : part === out[j])),
    );
    if (named || (ID_SEGMENT.test(segment) && i > 0)) {
      let name = named ? (named[i] as string).slice(1, -1) : 'id';
      name = params.includes(name) ? `${name}${params.length + 1}` : name;
      params.push(name);
      out.push(`{${name}}`);
    } else out.push(segment);
  });
  return { template: out.join('/'), params };
}

function bodyOf(sample: Sample): { mediaType: string } | undefined {
  if (sample.body === undefined) return undefined;
  return { mediaType: essence(sample.contentType) || 'application/octet-stream' };
}

function endpointAction(
  doc: JsonObject,
  method: string,
  template: string,
  params: string[],
  found: Finding[],
): Proposal {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const existing = isObject(paths[template]) ? (paths[template] as JsonObject) : undefined;
  const atPathLevel = new Set(
    (Array.isArray(existing?.parameters) ? existing.parameters : [])
      .map((p) => deref<JsonObject>(doc, p))
      .filter((p) => isObject(p) && p.in === 'path')
      .map((p) => String(p.name)),
  );
  const responses: JsonObject = {};
  for (const finding of found) {
    const key = finding.status >= 200 && finding.status < 300 ? '2XX' : String(finding.status);
    if (responses[key]) continue;
    const body = bodyOf(finding.sample);
    const example = recordedExample(
      finding.sample,
      `Answer ${finding.status} seen in real traffic`,
    );
    responses[key] = {
      description: `Answered ${finding.status} in real traffic.`,
      'x-assumed': statusReason([finding.status]),
      ...(body
        ? {
            content: {
              [body.mediaType]: {
                schema: {},
                ...(example ? { examples: { observed: example } } : {}),
              },
            },
          }
        : {}),
    };
  }
  const parameters = params
    .filter((name) => !atPathLevel.has(name))
    .map((name) => ({
      name,
      in: 'path',
      required: true,
      description: `The \`${name}\` of the path, as real traffic sent it.`,
      'x-assumed': 'No page shows this parameter; it is read from the path real traffic used.',
      schema: { type: 'string' },
    }));
  const operation: JsonObject = {
    summary: `${method.toUpperCase()} ${template} (seen in real traffic)`,
    description:
      'Real traffic reached this endpoint, which no page of the documentation shows. What is declared here is what the traffic showed, and no more.',
    'x-assumed': REASON_ENDPOINT,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
  };
  const what = `${method.toUpperCase()} ${template}`;
  return existing
    ? {
        target: jsonPathOf(doc, `#/paths/${escapePointer(template)}`),
        description: `Add ${what}, which answered in real traffic (${seen(found)}).`,
        update: { [method]: operation },
      }
    : {
        target: '$.paths',
        description: `Add ${what}, which answered in real traffic (${seen(found)}).`,
        update: { [template]: { [method]: operation } },
      };
}

function statusAction(
  doc: JsonObject,
  responsesPointer: string,
  key: string,
  found: Finding[],
): Proposal {
  const responses = pointerGet(doc, responsesPointer) as JsonObject;
  const statuses = [...new Set(found.map((f) => f.status))].sort();
  const sample = found[0]?.sample as Sample;
  const body = bodyOf(sample);
  // The body the same class of answer already declares, where there is one.
  const sibling = Object.entries(responses)
    .filter(([status]) => status[0] === key[0])
    .map(([, response]) => deref<JsonObject>(doc, response))
    .find((response) => isObject(response) && isObject(response.content));
  const declared = sibling && isObject(sibling.content) ? sibling.content : {};
  const media = body
    ? (Object.keys(declared).find((m) => essence(m) === body.mediaType) ?? body.mediaType)
    : undefined;
  const declaredMedia = media ? deref<JsonObject>(doc, declared[media]) : undefined;
  const example = recordedExample(sample, `Answer ${statuses.join(', ')} seen in real traffic`);
  const content =
    media !== undefined
      ? {
          [media]: {
            schema:
              isObject(declaredMedia) && 'schema' in declaredMedia ? declaredMedia.schema : {},
            ...(example ? { examples: { [`observed-${statuses.join('-')}`]: example } } : {}),
          },
        }
      : undefined;
  const operation = found[0]?.operation ?? '';
  return {
    target: jsonPathOf(doc, responsesPointer),
    description: `${operation} answered ${statuses.join(', ')}, which it does not declare (${seen(found)}): declare ${key}${key === '2XX' ? ', the range a success no page shows takes' : ''}, with the body ${media ? 'its other answers of this class declare' : 'seen'}.`,
    update: {
      [key]: {
        description: `Answered ${statuses.join(', ')} in real traffic.`,
        'x-assumed': statusReason(statuses),
        ...(content ? { content } : {}),
      },
    },
  };
}

function memberAction(doc: JsonObject, holder: string, name: string, found: Finding[]): Proposal {
  const types = [...new Set(found.flatMap((f) => f.observed ?? []))]
    .filter((t) => /^(string|number|integer|boolean|object|array|null)$/.test(t))
    .sort();
  const schema: JsonObject = {
    ...(types.length === 1 ? { type: types[0] as string } : {}),
    ...(types.length > 1 ? { type: types } : {}),
    description: 'A member real traffic carries, which no page shows.',
    'x-assumed': REASON_MEMBER,
  };
  return {
    target: jsonPathOf(doc, holder),
    description: `Member "${name}" was seen (${seen(found)}) where the schema does not name it: declare it, not required.`,
    update: { properties: { [name]: schema } },
  };
}

function typeAction(doc: JsonObject, at: string, found: Finding[]): Proposal | Proposal[] | string {
  const node = pointerGet(doc, at);
  if (!isObject(node) || !('type' in node)) return 'the schema that sets the type was not found';
  const declared = Array.isArray(node.type) ? node.type.map(String) : [String(node.type)];
  const observed = [...new Set(found.flatMap((f) => f.observed ?? []))].filter(
    (t) => !declared.includes(t) && !(t === 'integer' && declared.includes('number')),
  );
  if (observed.length === 0) return 'the types seen are already allowed';
  const description = `${declared.join(' or ')} expected, ${observed.join(' or ')} seen (${seen(found)}): allow both.`;
  return replaceList(doc, at, 'type', [...declared, ...observed], description);
}

/**
 * Sets a keyword to a list. Where the keyword holds a list already, it is removed first:
 * appliers differ on whether an update's list replaces or extends the one it meets.
 */
function replaceList(
  doc: JsonObject,
  at: string,
  keyword: string,
  list: unknown[],
  description: string,
): Proposal[] {
  const target = jsonPathOf(doc, at);
  const node = pointerGet(doc, at) as JsonObject;
  const set: Proposal = { target, description, update: { [keyword]: list } };
  return Array.isArray(node[keyword])
    ? [{ target: `${target}${pathSegment(keyword)}`, description, remove: true }, set]
    : [set];
}

function errorTextAction(doc: JsonObject, at: string, found: Finding[]): Proposal | string {
  const media = pointerGet(doc, at) as JsonObject;
  const finding = found[0] as Finding;
  const example = recordedExample(finding.sample, `Error text seen in real traffic`);
  if (!example) return 'the answer was cut short, so no example can show it';
  const taken = isObject(media.examples) ? Object.keys(media.examples) : [];
  const name = freeName(`observed-${finding.status}`, taken);
  const shared = at.startsWith('#/components/');
  return {
    target: jsonPathOf(doc, at),
    description: `${finding.operation} answered ${finding.status} with the text "${finding.detail ?? ''}" (${seen(found)}), which no example shows: add the answer as an example${shared ? ' of the shared answer' : ''}.`,
    update: { examples: { [name]: example } },
  };
}

function mediaAction(
  doc: JsonObject,
  at: string,
  observed: string,
  found: Finding[],
): Proposal | string {
  if (!isObject(pointerGet(doc, at))) {
    return isObject(pointerGet(doc, parentPointer(at)))
      ? 'the answer declares no content: a person decides'
      : 'the answer was not found';
  }
  const finding = found[0] as Finding;
  const example = recordedExample(finding.sample, `Body seen in real traffic`);
  return {
    target: jsonPathOf(doc, at),
    description: `A ${observed} body was seen (${seen(found)}) where it is not declared: declare the media type, any body.`,
    update: {
      [observed]: {
        schema: {},
        'x-assumed': REASON_MEDIA,
        ...(example ? { examples: { observed: example } } : {}),
      },
    },
  };
}
