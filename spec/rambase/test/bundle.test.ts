import { describe, expect, it } from 'vitest';
import {
  bodies,
  descriptions,
  examplesOf,
  loadBundle,
  type Node,
  operationById,
  operations,
  resolve,
} from './bundle.js';
import { leaves, loadReference, type ReferenceField } from './reference.js';

const doc = loadBundle();
const ops = operations(doc);
const reference = loadReference();
const [documented] = reference.operations;
if (!documented) throw new Error('the reference lists no operation');

const schema = (name: string) => resolve(doc, { $ref: `#/components/schemas/${name}` });
const parametersOf = (id: string) => {
  const { operation, pathItem } = operationById(doc, id);
  return [
    ...((pathItem.parameters ?? []) as unknown[]),
    ...((operation.parameters ?? []) as unknown[]),
  ].map((p) => resolve(doc, p));
};

describe('root document', () => {
  it('is OpenAPI 3.1 on the documented server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([
      { url: 'https://api.rambase.net', description: 'The RamBase API' },
    ]);
  });

  it('accepts the bearer token of the OAuth2 scheme or the $access_token query parameter', () => {
    expect(doc.security).toEqual([{ OAuth2: [] }, { AccessTokenQuery: [] }]);
    const schemes = doc.components.securitySchemes ?? {};
    expect(schemes.AccessTokenQuery).toMatchObject({
      type: 'apiKey',
      in: 'query',
      name: '$access_token',
    });
    const flows = (schemes.OAuth2 as { type: string; flows: Record<string, Node> }).flows;
    expect(schemes.OAuth2?.type).toBe('oauth2');
    expect(Object.keys(flows).sort()).toEqual([
      'authorizationCode',
      'clientCredentials',
      'implicit',
      'password',
    ]);
    for (const flow of ['authorizationCode', 'clientCredentials', 'password']) {
      expect(flows[flow]?.tokenUrl).toBe('https://api.rambase.net/oauth2/access_token');
    }
  });

  it('serves the token URL of every flow as an operation a mock can answer', () => {
    const token = operationById(doc, 'createAccessToken');
    expect(`${token.method} ${token.path}`).toBe('post /oauth2/access_token');
    expect(token.operation.security).toEqual([]);
    const grants = ((schema('TokenRequest').oneOf ?? []) as unknown[]).map(
      (branch) => ((resolve(doc, branch).properties as Node).grant_type as Node).const,
    );
    expect(grants).toEqual([
      'client_credentials',
      'password',
      'refresh_token',
      'authorization_code',
    ]);
    const content = (token.operation.requestBody as { content: Node }).content;
    expect(Object.keys(content)).toEqual(['application/x-www-form-urlencoded']);
  });
});

describe('every operation', () => {
  const tags = new Set(((doc.tags ?? []) as Node[]).map((t) => t.name));

  it.each(ops.map((o) => [o.pointer, o] as const))('%s follows the conventions', (_, o) => {
    const op = o.operation;
    expect(op.operationId).toMatch(/^(list|get|create|update|delete)[A-Z][A-Za-z]*$/);
    expect(String(op.summary ?? '').trim()).not.toBe('');
    expect(String(op.description ?? '').trim()).not.toBe('');
    expect(op.tags).toHaveLength(1);
    expect(tags.has((op.tags as string[])[0])).toBe(true);
    expect((op['x-sources'] as string[]).length).toBeGreaterThan(0);
    for (const p of parametersOf(String(op.operationId))) {
      expect(String(p.description ?? '').trim(), `${p.name}`).not.toBe('');
    }
    for (const code of Object.keys(op.responses as Node)) expect(code).toMatch(/^([1-5]\d\d|2XX)$/);
  });

  it('has unique operationIds', () => {
    const ids = ops.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('bodies and provenance', () => {
  const all = bodies(doc);

  it.each(all.map((b) => [`${b.operationId} ${b.status} ${b.mediaType}`, b] as const))(
    '%s has a RamBase media type and examples that state their provenance',
    (_, b) => {
      expect([
        'application/json',
        'application/xml',
        'application/x-www-form-urlencoded',
      ]).toContain(b.mediaType);
      const examples = examplesOf(doc, b.media);
      expect(examples.length).toBeGreaterThan(0);
      expect('example' in b.media).toBe(false);
      for (const [, example] of examples) {
        expect('x-sources' in example || 'x-assumed' in example).toBe(true);
      }
    },
  );

  it('declares an undocumented success as 2XX with x-assumed, a documented one by its code', () => {
    const success = (id: string) =>
      Object.entries(operationById(doc, id).operation.responses as Record<string, Node>).filter(
        ([code]) => code.startsWith('2'),
      );
    expect(success('getSupplierInvoiceNotification').map(([c]) => c)).toEqual(['200']);
    expect(success('createSupplierInvoiceNotification').map(([c]) => c)).toEqual(['201']);
    for (const id of ['listSupplierInvoiceNotifications', 'createAccessToken']) {
      const [[code, response] = []] = success(id);
      expect(code).toBe('2XX');
      expect(response?.['x-assumed']).toBeTruthy();
    }
  });

  it("answers the notification operations' errors in the error format, JSON and XML", () => {
    for (const id of [
      'getSupplierInvoiceNotification',
      'createSupplierInvoiceNotification',
      'listSupplierInvoiceNotifications',
    ]) {
      const responses = operationById(doc, id).operation.responses as Record<string, Node>;
      expect(Object.keys(responses).filter((c) => /^[45]/.test(c))).toEqual([
        '400',
        '401',
        '403',
        '404',
        '500',
      ]);
      for (const code of ['400', '401', '403', '404', '500']) {
        const content = resolve(doc, responses[code]).content as Record<string, Node>;
        for (const type of ['application/json', 'application/xml']) {
          expect(content[type]?.schema).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
      // 401 and 500 are not among the statuses the error messages page lists.
      for (const code of ['401', '500'])
        expect(resolve(doc, responses[code])['x-assumed']).toBeTruthy();
      for (const code of ['400', '403', '404'])
        expect(resolve(doc, responses[code])['x-assumed']).toBeUndefined();
    }
  });
});

describe('the notification read model against the documented field tree', () => {
  const notification = schema('Notification');
  const typeOf: Record<string, Node> = {
    '{Integer}': { type: 'integer' },
    '{String}': { type: 'string' },
    '{Boolean}': { type: 'boolean' },
    '{Datetime}': { type: 'string', format: 'date-time' },
  };

  /** The property a path of JSON keys leads to, with the xml names met on the way. */
  function walk(path: string[]) {
    let node: Node = notification;
    const xmlNames: string[] = [];
    for (const key of path) {
      const parent = node.type === 'array' ? resolve(doc, node.items) : node;
      const raw = (parent.properties as Record<string, unknown> | undefined)?.[key];
      if (raw === undefined) return undefined;
      node = resolve(doc, raw);
      xmlNames.push(String((node.xml as Node | undefined)?.name));
    }
    return { node, xmlNames };
  }

  const fields = leaves(documented.responseBody);

  it('covers all 38 documented fields', () => {
    expect(fields).toHaveLength(38);
  });

  it.each(fields.map((f) => [f.xmlPath.join('.'), f] as const))(
    '%s is there under its JSON key and XML name, with its type',
    (_, f) => {
      // MessageParameters.MessageParameter.Key: JSON drops the item's name, XML keeps it.
      const jsonPath = f.jsonPath.filter((key) => key !== 'messageParameter');
      const found = walk(jsonPath);
      expect(found, jsonPath.join('.')).toBeDefined();
      expect(found?.xmlNames).toEqual(f.xmlPath.filter((n) => n !== 'MessageParameter'));
      expect(found?.node).toMatchObject(typeOf[f.field.type] ?? { type: 'unknown' });
    },
  );

  it('keeps MessageParameters as a wrapped list of MessageParameter elements', () => {
    const list = (notification.properties as Node).messageParameters as Node;
    expect(list.xml).toEqual({ name: 'MessageParameters', wrapped: true });
    expect(resolve(doc, list.items).xml).toEqual({ name: 'MessageParameter' });
  });

  it('marks exactly the eight documented $expand paths, each on the field its path names', () => {
    const marked: string[] = [];
    const visit = (node: Node, xmlPath: string[]) => {
      for (const [key, raw] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
        const property = resolve(doc, raw);
        const path = [...xmlPath, String((property.xml as Node).name)];
        if (typeof property['x-expand'] === 'string') {
          expect(property['x-expand'], key).toBe(path.join('.'));
          marked.push(property['x-expand']);
        }
        visit(property, path);
      }
      expect(node.required, xmlPath.join('.')).toBeUndefined();
    };
    visit(notification, []);
    expect(marked.sort()).toEqual([...documented.expandPaths].sort());
  });

  it('describes the expandable fields as the documentation groups them', () => {
    const expandable = (field: ReferenceField): string[] =>
      field.expandable && field.expandPath
        ? [field.expandPath]
        : (field.children ?? []).flatMap(expandable);
    expect([...new Set(expandable(documented.responseBody))].sort()).toEqual(
      [...documented.expandPaths].sort(),
    );
  });
});

describe('the documented parameters and templates', () => {
  it('GET takes every documented parameter, with the documented types and bounds', () => {
    const params = parametersOf('getSupplierInvoiceNotification');
    const byName = new Map(params.map((p) => [String(p.name), p]));
    expect([...byName.keys()].sort()).toEqual(documented.parameters.map((p) => p.name).sort());
    for (const p of documented.parameters) {
      const declared = byName.get(p.name) as Node;
      expect(declared.in).toBe(p.in);
      expect(declared.required).toBe(p.in === 'path');
    }
    const schemaOf = (name: string) => (byName.get(name)?.schema ?? {}) as Node;
    expect(schemaOf('supplierInvoiceId').minimum).toBe(100000);
    expect(schemaOf('notificationId').minimum).toBe(1);
    expect(schemaOf('$format').enum).toEqual(['xml', 'html', 'jsonstream', 'json']);
    expect(byName.get('$expand')).toMatchObject({ style: 'form', explode: false });
    expect(byName.get('$select')).toMatchObject({ style: 'form', explode: false });
  });

  it("keeps the page's XML and JSON field templates verbatim", () => {
    const texts = descriptions(doc);
    expect(texts.some((t) => t.includes(documented.examples.xmlTemplate))).toBe(true);
    expect(texts.some((t) => t.includes(documented.examples.jsonTemplate))).toBe(true);
  });

  it("lists the page's error codes verbatim", () => {
    const text = String(operationById(doc, 'getSupplierInvoiceNotification').operation.description);
    for (const line of documented.errorCodes_exact_from_seed) {
      const [, code, status, message] = line.match(/^Error (\d+) HTTP (\d+) (.*)$/) ?? [];
      expect(text, line).toContain(`| ${code} | ${status} | ${message} |`);
    }
  });
});

describe('the create operation', () => {
  const [sibling] = reference.siblings_confirmed_for_supplier_invoice;

  it('answers 201 and takes the documented body in JSON and XML', () => {
    const create = operationById(doc, 'createSupplierInvoiceNotification');
    expect(`${create.method} ${create.path}`).toBe(
      `${sibling?.method.toLowerCase()} ${sibling?.path}`,
    );
    expect(Object.keys(create.operation.responses as Node)).toContain(
      String(sibling?.successStatus),
    );
    const content = (create.operation.requestBody as { content: Record<string, Node> }).content;
    expect(content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/NotificationInputDocument',
    });
    expect(content['application/xml']?.schema).toEqual({
      $ref: '#/components/schemas/NotificationInput',
    });
    const input = schema('NotificationInput');
    expect(input.xml).toEqual({ name: sibling?.requestBody?.xmlRoot });
    for (const field of sibling?.requestBody?.fields ?? []) {
      const path = field.path.split('.').filter((n) => n !== 'MessageParameter[]');
      let node: Node = input;
      for (const name of path) {
        const parent = node.type === 'array' ? resolve(doc, node.items) : node;
        const entry = Object.entries((parent.properties ?? {}) as Record<string, unknown>).find(
          ([, raw]) => (resolve(doc, raw).xml as Node | undefined)?.name === name,
        );
        expect(entry, `${field.path} at ${name}`).toBeDefined();
        if (field.required && entry) expect(parent.required).toContain(entry[0]);
        node = resolve(doc, entry?.[1]);
      }
      if (field.constraints === 'minimum 1') expect(node.minimum).toBe(1);
    }
  });
});

describe('the list by regardingItemId', () => {
  it('is marked assumed and names the objects whose pages show the pattern', () => {
    const list = operationById(doc, 'listSupplierInvoiceNotifications');
    expect(list.operation['x-assumed']).toBeTruthy();
    const [pattern] =
      reference.siblings_NOT_found_for_supplier_invoice_but_pattern_confirmed_elsewhere;
    const description = String(list.operation.description);
    expect(pattern?.confirmedFor).toHaveLength(5);
    for (const confirmed of pattern?.confirmedFor ?? []) {
      // "procurement/returns (3241 v6)": the description names resource 3241 at version 6.
      const [, resource, version] = confirmed.match(/\((\d+) v(\d+)\)$/) ?? [];
      expect(description, confirmed).toMatch(new RegExp(`\\b${resource}, v${version}\\)`));
    }
    const regarding = parametersOf('listSupplierInvoiceNotifications').find(
      (p) => p.name === 'regardingItemId',
    );
    expect(regarding?.['x-assumed']).toBeTruthy();
    expect(regarding?.required).toBe(false);
  });
});
