// @ts-check
/**
 * Visits exactly the places where the OpenAPI object model (3.0 and 3.1 alike) holds schemas,
 * Reference Objects and examples: path items, operations, parameters, headers, request
 * bodies, responses, media types, encodings, callbacks and components. Example values and
 * `x-` extensions are never entered, so data is never taken for a schema.
 */
import { escapePointer } from './schema.mjs';

/**
 * @typedef {object} Visitor
 * @property {(owner: Record<string, any>, key: string, pointer: string) => void} [schema]
 *   a schema at `owner[key]` (top of its tree; what is beneath is the visitor's business)
 * @property {(node: Record<string, any>, pointer: string) => void} [reference]
 *   a Reference Object standing for anything but a schema
 * @property {(node: Record<string, any>, pointer: string) => void} [exampleHolder]
 *   a Media Type, Parameter or Header Object: a `schema` with `example` or `examples`
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {Record<string, any>} node */
function isReference(node) {
  return typeof node.$ref === 'string';
}

/**
 * Visits every path item (webhooks included) and every component.
 * @param {Record<string, any>} doc
 * @param {Visitor} visitor
 */
export function walkDocument(doc, visitor) {
  const walker = new Walker(visitor);
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    walker.pathItem(item, `#/paths/${escapePointer(path)}`);
  }
  for (const [name, item] of Object.entries(isObject(doc.webhooks) ? doc.webhooks : {})) {
    walker.pathItem(item, `#/webhooks/${escapePointer(name)}`);
  }
  walker.components(doc.components);
}

/** Visits every place of the OpenAPI object model that holds a schema. */
class Walker {
  /** @param {Visitor} visitor */
  constructor(visitor) {
    this.visitor = visitor;
  }

  /** @param {Record<string, any>} node @param {string} pointer */
  reference(node, pointer) {
    this.visitor.reference?.(node, pointer);
  }

  /** @param {Record<string, any>} owner @param {string} key @param {string} pointer */
  schema(owner, key, pointer) {
    if (owner[key] !== undefined) this.visitor.schema?.(owner, key, pointer);
  }

  /** @param {Record<string, any>} node @param {string} pointer */
  holder(node, pointer) {
    this.visitor.exampleHolder?.(node, pointer);
  }

  /** @param {unknown} item @param {string} pointer */
  pathItem(item, pointer) {
    if (!isObject(item)) return;
    if (isReference(item)) return this.reference(item, pointer);
    this.parameters(item.parameters, `${pointer}/parameters`);
    for (const method of METHODS) {
      if (isObject(item[method])) this.operation(item[method], `${pointer}/${method}`);
    }
  }

  /** @param {Record<string, any>} op @param {string} pointer */
  operation(op, pointer) {
    this.parameters(op.parameters, `${pointer}/parameters`);
    if (isObject(op.requestBody)) this.requestBody(op.requestBody, `${pointer}/requestBody`);
    if (isObject(op.responses)) {
      for (const [status, response] of Object.entries(op.responses)) {
        this.response(response, `${pointer}/responses/${escapePointer(status)}`);
      }
    }
    if (isObject(op.callbacks)) {
      for (const [name, callback] of Object.entries(op.callbacks)) {
        this.callback(callback, `${pointer}/callbacks/${escapePointer(name)}`);
      }
    }
  }

  /** @param {unknown} callback @param {string} pointer */
  callback(callback, pointer) {
    if (!isObject(callback)) return;
    if (isReference(callback)) return this.reference(callback, pointer);
    for (const [expression, item] of Object.entries(callback)) {
      if (!expression.startsWith('x-'))
        this.pathItem(item, `${pointer}/${escapePointer(expression)}`);
    }
  }

  /** @param {unknown} list @param {string} pointer */
  parameters(list, pointer) {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      this.parameter(p, `${pointer}/${i}`);
    });
  }

  /** Parameter and Header Objects: a `schema` or a `content` map. @param {unknown} node @param {string} pointer */
  parameter(node, pointer) {
    if (!isObject(node)) return;
    if (isReference(node)) return this.reference(node, pointer);
    this.holder(node, pointer);
    this.schema(node, 'schema', `${pointer}/schema`);
    this.examples(node.examples, `${pointer}/examples`);
    this.content(node.content, `${pointer}/content`);
  }

  /** @param {unknown} body @param {string} pointer */
  requestBody(body, pointer) {
    if (!isObject(body)) return;
    if (isReference(body)) return this.reference(body, pointer);
    this.content(body.content, `${pointer}/content`);
  }

  /** @param {unknown} response @param {string} pointer */
  response(response, pointer) {
    if (!isObject(response)) return;
    if (isReference(response)) return this.reference(response, pointer);
    this.headers(response.headers, `${pointer}/headers`);
    this.content(response.content, `${pointer}/content`);
    if (isObject(response.links)) {
      for (const [name, link] of Object.entries(response.links)) {
        if (isObject(link) && isReference(link))
          this.reference(link, `${pointer}/links/${escapePointer(name)}`);
      }
    }
  }

  /** @param {unknown} headers @param {string} pointer */
  headers(headers, pointer) {
    if (!isObject(headers)) return;
    for (const [name, header] of Object.entries(headers)) {
      this.parameter(header, `${pointer}/${escapePointer(name)}`);
    }
  }

  /** @param {unknown} content @param {string} pointer */
  content(content, pointer) {
    if (!isObject(content)) return;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const at = `${pointer}/${escapePointer(mediaType)}`;
      this.holder(media, at);
      this.schema(media, 'schema', `${at}/schema`);
      this.examples(media.examples, `${at}/examples`);
      if (isObject(media.encoding)) {
        for (const [name, encoding] of Object.entries(media.encoding)) {
          if (isObject(encoding))
            this.headers(encoding.headers, `${at}/encoding/${escapePointer(name)}/headers`);
        }
      }
    }
  }

  /** Example Objects stay as they are, but a reference to one may carry only `$ref`. @param {unknown} examples @param {string} pointer */
  examples(examples, pointer) {
    if (!isObject(examples)) return;
    for (const [name, example] of Object.entries(examples)) {
      if (isObject(example) && isReference(example))
        this.reference(example, `${pointer}/${escapePointer(name)}`);
    }
  }

  /** @param {unknown} components */
  components(components) {
    if (!isObject(components)) return;
    /** @param {string} kind @param {(node: unknown, pointer: string) => void} visit */
    const each = (kind, visit) => {
      if (!isObject(components[kind])) return;
      for (const [name, node] of Object.entries(components[kind])) {
        visit(node, `#/components/${kind}/${escapePointer(name)}`);
      }
    };
    if (isObject(components.schemas)) {
      for (const name of Object.keys(components.schemas)) {
        this.schema(components.schemas, name, `#/components/schemas/${escapePointer(name)}`);
      }
    }
    each('parameters', (node, at) => this.parameter(node, at));
    each('headers', (node, at) => this.parameter(node, at));
    each('requestBodies', (node, at) => this.requestBody(node, at));
    each('responses', (node, at) => this.response(node, at));
    each('callbacks', (node, at) => this.callback(node, at));
    each('examples', (node, at) => {
      if (isObject(node) && isReference(node)) this.reference(node, at);
    });
  }
}
