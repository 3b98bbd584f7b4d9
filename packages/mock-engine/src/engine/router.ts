import { type OperationModel, type SpecModel, splitPath } from '@proseapi/openapi-model';

/** The path item a request reached, and the values of its templated segments. */
export interface RouteMatch {
  template: string;
  operations: Map<string, OperationModel>;
  params: Record<string, string>;
}

interface Node {
  literal: Map<string, Node>;
  param: Node | undefined;
  leaf: { template: string; names: string[]; operations: Map<string, OperationModel> } | undefined;
}

function newNode(): Node {
  return { literal: new Map(), param: undefined, leaf: undefined };
}

const PARAM_SEGMENT = /^\{([^}]+)\}$/;

/**
 * A segment trie over the document's path templates. Literal segments win over
 * templated ones, as OpenAPI requires (`/users/me` before `/users/{id}`).
 */
export class Router {
  private readonly root = newNode();
  readonly basePath: string;

  constructor(model: SpecModel) {
    this.basePath = model.basePath;
    for (const [template, operations] of model.paths) {
      let node = this.root;
      const names: string[] = [];
      for (const segment of splitPath(template)) {
        const param = PARAM_SEGMENT.exec(segment);
        if (param) {
          names.push(param[1] as string);
          node.param ??= newNode();
          node = node.param;
        } else {
          let next = node.literal.get(segment);
          if (!next) {
            next = newNode();
            node.literal.set(segment, next);
          }
          node = next;
        }
      }
      node.leaf = { template, names, operations };
    }
  }

  match(rawPath: string): RouteMatch | undefined {
    let path = rawPath;
    if (this.basePath && path.startsWith(this.basePath)) {
      const rest = path.slice(this.basePath.length);
      if (rest === '' || rest.startsWith('/')) path = rest || '/';
    }
    const segments = splitPath(path);
    const values: string[] = [];
    const leaf = this.walk(this.root, segments, 0, values);
    if (!leaf) return undefined;
    const params: Record<string, string> = {};
    leaf.names.forEach((name, index) => {
      params[name] = values[index] as string;
    });
    return { template: leaf.template, operations: leaf.operations, params };
  }

  private walk(node: Node, segments: string[], index: number, values: string[]): Node['leaf'] {
    if (index === segments.length) return node.leaf;
    const segment = segments[index] as string;
    const literal = node.literal.get(segment);
    if (literal) {
      const found = this.walk(literal, segments, index + 1, values);
      if (found) return found;
    }
    if (node.param && segment !== '') {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        decoded = segment;
      }
      values.push(decoded);
      const found = this.walk(node.param, segments, index + 1, values);
      if (found) return found;
      values.pop();
    }
    return undefined;
  }
}
