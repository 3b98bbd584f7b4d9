/**
 * Makes the provenance of a description visible on the page. The extensions `x-sources`
 * (documentation pages a node is modelled from) and `x-assumed` (why a node's content is a
 * guess) are data that Redoc does not show, so a copy of the description gets them written
 * into the descriptions Redoc renders:
 *
 * - an operation lists its pages as links at the end of its description;
 * - every node with `x-assumed` (operation, parameter, header, response, schema at any depth)
 *   starts its description with an "Assumed" badge and the reason; a Response's badge says
 *   its status is assumed, a Media Type's goes to the description of the body or answer
 *   that holds it;
 * - an example written here gets "Assumed:" before its summary; an official one names its
 *   page in its description.
 *
 * Nothing here knows which API it is reading.
 */
import { SUBSCHEMA_KEYWORDS } from '@proseapi/openapi-model';
import type { JsonObject, JsonValue, OpenApiDocument } from './openapi.js';
import { HTTP_METHODS } from './openapi.js';

/** The class of the badge; the page template styles it. */
export const ASSUMED_CLASS = 'provenance-assumed';

type Node = { [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isRef = (value: unknown) => isNode(value) && typeof value.$ref === 'string';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The badge, as inline HTML in Markdown. */
export function assumedBadge(label: string): string {
  return `<span class="${ASSUMED_CLASS}" title="Not shown by the documentation">${escapeHtml(label)}</span>`;
}

const reasonOf = (node: Node): string | undefined =>
  typeof node['x-assumed'] === 'string' ? node['x-assumed'] : undefined;

const sourcesOf = (node: Node): string[] =>
  Array.isArray(node['x-sources'])
    ? node['x-sources'].filter((s): s is string => typeof s === 'string')
    : [];

/** A page's link, its text the address without the scheme. */
const link = (url: string) => `[${url.replace(/^https?:\/\//, '')}](${url})`;

const prepend = (node: Node, text: string) => {
  const current = typeof node.description === 'string' ? node.description.trim() : '';
  node.description = current ? `${text}\n\n${current}` : text;
};
const append = (node: Node, text: string) => {
  const current = typeof node.description === 'string' ? node.description.trim() : '';
  node.description = current ? `${current}\n\n${text}` : text;
};

/** Writes a node's own marks into its description. */
function markNode(node: Node, label = 'Assumed') {
  const reason = reasonOf(node);
  if (reason !== undefined) prepend(node, `${assumedBadge(label)} ${escapeHtml(reason)}`);
  const sources = sourcesOf(node);
  if (sources.length > 0) append(node, `Documentation: ${sources.map(link).join(', ')}`);
}

function markSchema(schema: unknown) {
  if (!isNode(schema)) return;
  markNode(schema);
  for (const key of SUBSCHEMA_KEYWORDS.maps) {
    const map = schema[key];
    if (isNode(map)) for (const child of Object.values(map)) markSchema(child);
  }
  for (const key of SUBSCHEMA_KEYWORDS.lists) {
    const list = schema[key];
    if (Array.isArray(list)) for (const child of list) markSchema(child);
  }
  for (const key of SUBSCHEMA_KEYWORDS.single) {
    const value = schema[key];
    if (Array.isArray(value)) for (const child of value) markSchema(child);
    else markSchema(value);
  }
}

function markExample(example: unknown) {
  if (!isNode(example) || isRef(example)) return;
  const reason = reasonOf(example);
  if (reason !== undefined) {
    const summary = typeof example.summary === 'string' ? example.summary : '';
    example.summary = summary ? `Assumed: ${summary}` : 'Assumed';
  }
  markNode(example);
}

function markExamples(holder: Node) {
  if (isNode(holder.examples))
    for (const example of Object.values(holder.examples)) markExample(example);
}

/** The media types of a request body, response, parameter or header; `owner` shows their marks. */
function markContent(owner: Node) {
  if (!isNode(owner.content)) return;
  for (const media of Object.values(owner.content)) {
    if (!isNode(media)) continue;
    const reason = reasonOf(media);
    if (reason !== undefined)
      prepend(owner, `${assumedBadge('Assumed body')} ${escapeHtml(reason)}`);
    const sources = sourcesOf(media);
    if (sources.length > 0) append(owner, `Body documented at ${sources.map(link).join(', ')}`);
    markSchema(media.schema);
    markExamples(media);
  }
}

function markParameterOrHeader(node: unknown) {
  if (!isNode(node) || isRef(node)) return;
  markNode(node);
  markSchema(node.schema);
  markExamples(node);
  markContent(node);
}

function markRequestBody(body: unknown) {
  if (!isNode(body) || isRef(body)) return;
  markNode(body);
  markContent(body);
}

function markResponse(response: unknown) {
  if (!isNode(response) || isRef(response)) return;
  markNode(response, 'Assumed status');
  if (isNode(response.headers)) {
    for (const header of Object.values(response.headers)) markParameterOrHeader(header);
  }
  markContent(response);
}

function markOperation(operation: Node) {
  const reason = reasonOf(operation);
  if (reason !== undefined) prepend(operation, `${assumedBadge('Assumed')} ${escapeHtml(reason)}`);
  const sources = sourcesOf(operation);
  if (sources.length > 0) {
    append(
      operation,
      `**Documentation pages** this operation is modelled from:\n\n${sources.map((s) => `- ${link(s)}`).join('\n')}`,
    );
  }
  if (Array.isArray(operation.parameters)) operation.parameters.forEach(markParameterOrHeader);
  markRequestBody(operation.requestBody);
  if (isNode(operation.responses)) Object.values(operation.responses).forEach(markResponse);
}

function markPathItem(item: unknown) {
  if (!isNode(item) || isRef(item)) return;
  if (Array.isArray(item.parameters)) item.parameters.forEach(markParameterOrHeader);
  for (const method of HTTP_METHODS) {
    const operation = item[method];
    if (isNode(operation)) markOperation(operation);
  }
}

/** A copy of the description with its provenance written into what the page renders. */
export function markProvenance(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths ?? {})) markPathItem(item);
  const components: JsonObject = copy.components ?? {};
  const each = (key: string, mark: (node: unknown) => void) => {
    const map: JsonValue | undefined = components[key];
    if (isNode(map)) for (const node of Object.values(map)) mark(node);
  };
  each('schemas', markSchema);
  each('parameters', markParameterOrHeader);
  each('headers', markParameterOrHeader);
  each('requestBodies', markRequestBody);
  each('responses', markResponse);
  each('examples', markExample);
  each('pathItems', markPathItem);
  return copy;
}
