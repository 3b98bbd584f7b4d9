// @ts-check
/**
 * The OpenAPI of one new operation, built from its documented action: parameters, request
 * body, success and error responses, examples, and the provenance of each (`x-sources` for
 * what the pages show, `x-assumed` with a reason for what they do not). Pure: it reads and
 * writes no files; `scaffold.mjs` does.
 */
import { isTemplate, resourceWords, segments, slug } from './names.mjs';

/**
 * @typedef {import('./reference.mjs').ReferenceAction} ReferenceAction
 * @typedef {import('./reference.mjs').ReferenceField} ReferenceField
 * @typedef {Record<string, any>} Json
 * @typedef {{
 *   mediaType: string,
 *   errorResponses: { always: Record<string, string>, whenPathNamesResource: Record<string, string>,
 *     exceptParameters: string[], whenBody: Record<string, string> },
 *   errorSchema?: string,
 *   errorExample?: unknown,
 * }} ScaffoldConfig
 * @typedef {{
 *   operationId: string,
 *   tag: string,
 *   findParameter: (name: string, location: 'path' | 'query', deepObject: boolean) => string | undefined,
 *   sharedFile: (file: string) => string,
 * }} ModelContext
 * @typedef {{ file: string, content: Json }} ExampleFile
 */

/** Reasons written into `x-assumed`. */
export const REASONS = {
  status: 'No documentation page shows the status of this answer.',
  memberType: 'The documentation does not show the type of this member.',
  pathType: 'The documentation does not show the type of this path parameter.',
  example: 'Written here from the documented members: no documentation page shows an example.',
};

/**
 * A documented field name split into segments, each saying whether it holds an array:
 * `data[].attributes.name` → data (array), attributes, name; `filter[created_at][gt]` →
 * filter, created_at, gt.
 * @param {string} name
 * @returns {Array<{ key: string, array: boolean }>}
 */
export function fieldPath(name) {
  return name
    .replace(/\[\]/g, '.[]')
    .replace(/\[([^\]]+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .reduce((/** @type {Array<{ key: string, array: boolean }>} */ out, part) => {
      const last = out.at(-1);
      if (part === '[]' && last) last.array = true;
      else if (part !== '[]') out.push({ key: part, array: false });
      return out;
    }, []);
}

/**
 * The schema of one documented type.
 * @param {string | null | undefined} type
 * @returns {Json}
 */
function typeSchema(type) {
  switch (type) {
    case 'integer':
      return { type: 'integer' };
    case 'number':
    case 'float':
      return { type: 'number' };
    case 'bool':
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
    case 'date':
      return { type: 'string' };
    case 'object':
      return { type: 'object' };
    case 'array':
      return { type: 'array' };
    case 'array of objects':
      return { type: 'array', items: { type: 'object' } };
    default:
      return { 'x-assumed': REASONS.memberType };
  }
}

/**
 * The object schema the documented fields describe, nested by their dotted names. Nothing is
 * closed: members the documentation does not list are accepted. A member that is documented
 * both as a value and with members of its own keeps its members and loses its type.
 * @param {ReferenceField[]} fields
 * @returns {Json}
 */
export function fieldsSchema(fields) {
  /** @type {Json} */
  const root = { type: 'object', properties: {} };
  /** @param {Json} node */
  const container = (node) => {
    if (node.type === 'array' || node.items) {
      node.items ??= { type: 'object' };
      return node.items;
    }
    return node;
  };
  for (const field of fields) {
    const path = fieldPath(field.name);
    let parent = root;
    for (const [i, { key, array }] of path.entries()) {
      const holder = container(parent);
      if (holder.type !== undefined && holder.type !== 'object') delete holder.type;
      holder.properties ??= {};
      const leaf = i === path.length - 1;
      const values = leaf && Array.isArray(field.enum) && field.enum.length > 0 ? field.enum : null;
      if (!holder.properties[key]) {
        // Documented values without a documented type: the values are the fact.
        holder.properties[key] = !leaf ? { type: 'object' } : values ? {} : typeSchema(field.type);
      }
      const node = holder.properties[key];
      if (array) {
        node.type = 'array';
        node.items ??= { type: 'object' };
      }
      if (leaf) {
        if (values) node.enum = values;
        if (field.default !== null && field.default !== undefined) node.default = field.default;
        // A guess is never required, and nothing is required inside one.
        const guess = 'x-assumed' in node || 'x-assumed' in holder;
        if (field.required === true && !guess && !(holder.required ?? []).includes(key)) {
          holder.required = [...(holder.required ?? []), key];
        }
      }
      parent = node;
    }
  }
  return root;
}

/**
 * A value that fits a schema, for an example written here.
 * @param {Json} schema
 * @returns {unknown}
 */
export function sampleOf(schema) {
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, sampleOf(/** @type {Json} */ (v))]),
    );
  }
  switch (schema.type) {
    case 'array':
      return [sampleOf(schema.items ?? {})];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return 'string';
    case 'object':
      return {};
    default:
      return 'value';
  }
}

/**
 * Replaces `{status}` and `{message}` in the strings of a template.
 * @param {unknown} template
 * @param {Record<string, string>} values
 * @returns {unknown}
 */
function fill(template, values) {
  if (typeof template === 'string') {
    return template.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
  }
  if (Array.isArray(template)) return template.map((t) => fill(t, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, values)]));
  }
  return template;
}

/** @param {string} name */
const parameterWords = (name) => name.replace(/_id$/, '').split('_').join(' ');

/**
 * The parameters of the operation: path parameters (for the path item) and query parameters.
 * A query family such as `page[size]`, `page[number]` becomes one `deepObject` parameter.
 * @param {ReferenceAction} action
 * @param {string} path
 * @param {ModelContext} ctx
 */
function parametersOf(action, path, ctx) {
  const documented = new Map(action.parameters.map((p) => [p.name, p]));
  const templateNames = segments(path)
    .filter(isTemplate)
    .map((s) => s.slice(1, -1));
  /** @type {Json[]} */
  const pathParameters = templateNames.map((name) => {
    const ref = ctx.findParameter(name, 'path', false);
    if (ref) return { $ref: ref };
    const type = documented.get(name)?.type;
    return {
      name,
      in: 'path',
      required: true,
      description: name.endsWith('_id')
        ? `ID of the ${parameterWords(name)}.`
        : `The \`${name}\` path parameter.`,
      schema: type ? typeSchema(type) : { type: 'string', 'x-assumed': REASONS.pathType },
    };
  });

  /** @type {Map<string, ReferenceField[]>} */
  const families = new Map();
  for (const p of action.parameters) {
    if (templateNames.includes(p.name) || p.in === 'header') continue;
    const family = p.name.includes('[') ? (p.name.split('[')[0] ?? p.name) : p.name;
    families.set(family, [...(families.get(family) ?? []), p]);
  }
  /** @type {Json[]} */
  const queryParameters = [...families].map(([family, members]) => {
    const deepObject = members.some((m) => m.name.includes('['));
    const ref = ctx.findParameter(family, 'query', deepObject);
    if (ref) return { $ref: ref };
    if (!deepObject) {
      const [only] = members;
      return {
        name: family,
        in: 'query',
        required: only?.required === true,
        description: `The \`${family}\` query parameter.`,
        schema: fieldsSchema([{ ...only, name: 'value' }]).properties.value,
      };
    }
    const schema = fieldsSchema(
      members.map((m) => ({ ...m, name: m.name.slice(family.length).replace(/^\[|\]$/g, '') })),
    );
    return {
      name: family,
      in: 'query',
      required: (schema.required ?? []).length > 0,
      description: `The \`${family}[…]\` parameters: ${members.map((m) => `\`${m.name}\``).join(', ')}.`,
      style: 'deepObject',
      explode: true,
      schema,
    };
  });
  return { pathParameters, queryParameters };
}

/**
 * An example file's content.
 * @param {string} summary
 * @param {unknown} value
 * @param {string[] | undefined} sources the pages that show it; none: written here
 */
function example(summary, value, sources) {
  return sources
    ? { summary, 'x-sources': sources, value }
    : { summary, 'x-assumed': REASONS.example, value };
}

/**
 * The operation, its path parameters and its example files.
 * @param {ReferenceAction} action
 * @param {string} path the path as it will be registered
 * @param {ScaffoldConfig} config
 * @param {ModelContext} ctx
 */
export function buildOperation(action, path, config, ctx) {
  const { operationId } = ctx;
  const method = action.method.toUpperCase();
  const { words, item } = resourceWords(path);
  const media = config.mediaType;
  /** @type {ExampleFile[]} */
  const examples = [];
  /** @param {string} what @param {Json} content */
  const exampleRef = (what, content) => {
    const file = `examples/${operationId}-${what}.yaml`;
    examples.push({ file, content });
    return { $ref: file };
  };
  const { pathParameters, queryParameters } = parametersOf(action, path, ctx);
  const templateNames = segments(path)
    .filter(isTemplate)
    .map((s) => s.slice(1, -1));
  const lastParameter = templateNames.at(-1);
  const thing = words.join(' ');

  /** @type {Json} */
  const operation = {
    operationId,
    summary: action.action,
    description: '',
    tags: [ctx.tag],
    'x-sources': action.sources,
  };
  if (queryParameters.length > 0) operation.parameters = queryParameters;

  let hasBody = false;
  if (action.requestBody.length > 0 || action.requestExample != null) {
    hasBody = true;
    const schema = fieldsSchema(action.requestBody);
    const official = action.requestExample != null;
    operation.requestBody = {
      required: true,
      content: {
        [media]: {
          schema,
          examples: {
            [official ? 'official' : 'written']: exampleRef(
              'request',
              official
                ? example('Official example', action.requestExample, action.sources)
                : example('Every documented member', sampleOf(schema), undefined),
            ),
          },
        },
      },
    };
  }

  // The success answer: its documented status, else the range 2XX.
  const status = action.responseStatus ? String(action.responseStatus) : '2XX';
  /** @type {Json} */
  const success = { description: 'The answer when the call succeeds.' };
  if (status === '2XX') success['x-assumed'] = REASONS.status;
  const hasAnswerBody = action.responseFields.length > 0 || action.responseExample != null;
  if (hasAnswerBody && status !== '204') {
    const schema = fieldsSchema(action.responseFields);
    const official = action.responseExample != null;
    success.content = {
      [media]: {
        schema,
        examples: {
          [official ? 'official' : 'written']: exampleRef(
            status,
            official
              ? example('Official example', action.responseExample, action.sources)
              : example('Every documented member', sampleOf(schema), undefined),
          ),
        },
      },
    };
  }
  // A Map keeps the success first: an object would put the numeric codes before `2XX`.
  /** @type {Map<string, Json>} */
  const responses = new Map([[status, success]]);

  // Error answers: the shared ones the conventions ask for, and the documented messages.
  const names = templateNames.filter((n) => !config.errorResponses.exceptParameters.includes(n));
  /** @type {Record<string, string>} */
  const shared = {
    ...config.errorResponses.always,
    ...(names.length > 0 ? config.errorResponses.whenPathNamesResource : {}),
    ...(hasBody ? config.errorResponses.whenBody : {}),
  };
  /** @type {Map<string, string[]>} */
  const messages = new Map();
  for (const e of action.errors) {
    const code = String(e.status);
    messages.set(code, [...(messages.get(code) ?? []), e.message]);
  }
  const codes = [...new Set([...Object.keys(shared), ...messages.keys()])].sort();
  for (const code of codes) {
    const texts = messages.get(code) ?? [];
    const sharedFile = shared[code];
    // The answers the conventions always share stay shared, documented messages or not.
    const alwaysShared = code in config.errorResponses.always;
    if (sharedFile && (texts.length === 0 || alwaysShared || !config.errorSchema)) {
      /** @type {Json} */
      const response = { $ref: ctx.sharedFile(sharedFile) };
      if (texts.length > 0) {
        response.description = `The documented messages: ${texts.map((t) => `\`${t}\``).join('; ')}.`;
      }
      responses.set(code, response);
      continue;
    }
    if (!config.errorSchema) continue;
    /** @type {Json} */
    const namedExamples = {};
    for (const text of texts) {
      const key = slug(text);
      namedExamples[key.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = exampleRef(
        `${code}-${key}`,
        example(
          text,
          fill(config.errorExample ?? text, { status: code, message: text }),
          action.sources,
        ),
      );
    }
    responses.set(code, {
      description: `Each example is a message the documentation lists for status ${code}.`,
      content: {
        [media]: { schema: { $ref: ctx.sharedFile(config.errorSchema) }, examples: namedExamples },
      },
    });
  }
  operation.responses = responses;

  // A description in plain words, and what the pages do not show.
  const opening =
    {
      GET: item ? `Returns one ${thing} by its \`${lastParameter}\`.` : `Returns the ${thing}.`,
      POST: `Creates a ${thing}.`,
      PATCH: item ? `Changes the ${thing} named by \`${lastParameter}\`.` : `Changes the ${thing}.`,
      PUT: item ? `Replaces the ${thing} named by \`${lastParameter}\`.` : `Replaces the ${thing}.`,
      DELETE: item
        ? `Deletes the ${thing} named by \`${lastParameter}\`.`
        : `Deletes the ${thing}.`,
    }[method] ?? `${action.action}.`;
  const unseen = [
    status === '2XX' ? 'the success status' : '',
    !hasAnswerBody && status !== '204' ? 'the body of the answer' : '',
    action.responseFields.length > 0 && action.responseExample == null ? 'an example answer' : '',
    action.errors.length === 0 ? 'any error message' : '',
  ].filter(Boolean);
  const list =
    unseen.length > 1 ? `${unseen.slice(0, -1).join(', ')} or ${unseen.at(-1)}` : unseen[0];
  operation.description = list
    ? `${opening}\n\nThe documentation pages in \`x-sources\` do not show ${list}.\n`
    : `${opening}\n`;

  return { pathParameters, operation, examples };
}
