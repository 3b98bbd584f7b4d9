import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SchemaObject, XmlCodec } from '@proseapi/xml-codec';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  bodies,
  deref,
  doc,
  type Example,
  examples,
  type Operation,
  operations,
} from './bundle.js';

const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(doc as object, 'openapi.json');
const validate = (pointer: string, value: unknown) => {
  const check = ajv.compile({ $ref: `openapi.json${pointer}` });
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

const codec = new XmlCodec({ document: doc });
const ops = operations();
const byId = new Map(ops.map((o) => [o.operation.operationId, o]));
const op = (id: string) => {
  const found = byId.get(id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};

const reference = (file: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../tools/reference/csa/${file}`, import.meta.url)),
      'utf8',
    ),
  );
const notifications = reference('operations.json') as {
  operations: Array<{ id: string; examples: Record<string, string> }>;
};
const login = reference('login.json') as {
  operations: Array<{ id: string; examples: Record<string, string> }>;
};
const referenceExamples = (list: typeof login, id: string) => {
  const found = list.operations.find((o) => o.id === id);
  if (!found) throw new Error(`no reference operation ${id}`);
  return found.examples;
};

/** The element names of an XML document, root first, in document order. */
function elementNames(xml: string): string[] {
  const walk = (nodes: unknown): string[] =>
    (nodes as Array<Record<string, unknown>>).flatMap((node) =>
      Object.keys(node)
        .filter((k) => k !== ':@' && k !== '#text' && !k.startsWith('?'))
        .flatMap((k) => [k, ...walk(node[k])]),
    );
  return walk(new XMLParser({ preserveOrder: true }).parse(xml));
}

/**
 * Every element name a schema's `xml` objects allow: its root, each property's element (or,
 * for a list, its wrapper and items), all the way down.
 */
function schemaElementNames(schema: unknown, root: string): Set<string> {
  const names = new Set<string>([root]);
  const seen = new Set<unknown>();
  const visit = (raw: unknown) => {
    const s = deref<SchemaObject>(raw as SchemaObject);
    if (seen.has(s)) return;
    seen.add(s);
    for (const [key, rawProperty] of Object.entries(s.properties ?? {})) {
      const p = deref<SchemaObject>(rawProperty as SchemaObject);
      if (p.type === 'array') {
        const items = deref<SchemaObject>(p.items as SchemaObject);
        if (p.xml?.wrapped) names.add(p.xml.name ?? key);
        names.add(items.xml?.name ?? key);
        visit(items);
      } else {
        names.add(p.xml?.name ?? key);
        visit(p);
      }
    }
  };
  visit(schema);
  return names;
}

describe('root document', () => {
  it('is OpenAPI 3.1 with a templated server on /csa/rest and HTTP Basic for every call', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.[0]?.url).toBe('{protocol}://{host}:{port}/csa/rest');
    expect(doc.servers?.[0]?.variables?.port?.default).toBe('8444');
    expect(doc.security).toEqual([{ transportUser: [] }]);
    const scheme = doc.components.securitySchemes?.transportUser as Record<string, string>;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(scheme.description).toMatch(/userIdentifier/);
  });

  it('has the five operations: two sends, the list and the two look-ups', () => {
    expect(
      ops.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operation.operationId}`).sort(),
    ).toEqual([
      'GET /login/{organization_name}/userLookup lookUpUserIdentifier',
      'GET /login/{organization_name}/{user_name}/ getUserIdentifier',
      'GET /notification/party/{party_id} listPartyNotifications',
      'POST /notification/party sendNotification',
      'POST /notification/party/{party_id} sendNotificationToParty',
    ]);
  });
});

describe('every operation', () => {
  const tags = new Set((doc.tags ?? []).map((t) => t.name));

  it.each(ops.map((o) => [o.pointer, o] as const))('%s follows the conventions', (_, o) => {
    const operation: Operation = o.operation;
    expect(operation.operationId).toMatch(/^(list|get|send|lookUp)[A-Z][A-Za-z]*$/);
    expect(operation.summary?.trim()).toBeTruthy();
    expect(operation.description?.trim()).toBeTruthy();
    expect(operation.tags).toHaveLength(1);
    expect(tags.has(operation.tags?.[0] ?? '')).toBe(true);
    expect(operation['x-sources']?.length).toBeGreaterThan(0);
    for (const url of operation['x-sources'] ?? []) expect(url).toMatch(/^https:\/\//);
    for (const code of ['401', '403', '404', '500'])
      expect(operation.responses).toHaveProperty(code);
  });

  it.each(ops.map((o) => [o.pointer, o] as const))(
    '%s takes userIdentifier exactly when it is not a login look-up',
    (_, o) => {
      const userIdentifier = o.parameters.find((p) => p.name === 'userIdentifier');
      if (o.path.startsWith('/login/')) {
        expect(userIdentifier).toBeUndefined();
      } else {
        expect(userIdentifier).toMatchObject({ in: 'query', required: true });
      }
    },
  );
});

describe('sending', () => {
  const send = op('sendNotification').operation;
  const toParty = op('sendNotificationToParty').operation;

  it('is described at both documented URIs with one body and the same answers', () => {
    expect(toParty.requestBody).toEqual(send.requestBody);
    expect(toParty.responses).toEqual(send.responses);
    for (const operation of [send, toParty]) {
      expect(operation.description).toMatch(/\/notification\/party\/\{party_id\}/);
      expect(operation.description).toMatch(/`\/notification\/party`/);
    }
  });

  it('answers 200 with the partial success, and an assumed 4XX when no recipient is valid', () => {
    const ok = deref(send.responses?.['200'] ?? {});
    expect(ok['x-assumed']).toBeUndefined();
    expect(ok.content?.['application/xml']?.schema).toEqual({
      $ref: '#/components/schemas/NotificationPostResponse',
    });
    const none = deref(send.responses?.['4XX'] ?? {});
    expect(none['x-assumed']).toMatch(/no recipient is valid/);
    expect(Object.keys(send.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409', '4XX', '500']),
    );
  });

  it('keeps recipient and tokens unwrapped, the recipient type a documented enum', () => {
    const notification = deref<SchemaObject>({ $ref: '#/components/schemas/Notification' });
    expect(notification.xml).toEqual({ name: 'Notification' });
    const recipient = notification.properties?.recipient as SchemaObject;
    const tokens = notification.properties?.tokens as SchemaObject;
    expect(recipient.xml?.wrapped ?? false).toBe(false);
    expect(tokens.xml?.wrapped ?? false).toBe(false);
    expect(deref<SchemaObject>(recipient.items as SchemaObject).xml).toEqual({ name: 'recipient' });
    expect(deref<SchemaObject>(tokens.items as SchemaObject).xml).toEqual({ name: 'tokens' });
    const type = deref<SchemaObject>(recipient.items as SchemaObject).properties?.type;
    expect(type).toMatchObject({ enum: ['PERSON', 'ORGANIZATION'] });
  });

  it('keeps the misspelled element names of the answer exactly', () => {
    const record = deref<SchemaObject>({ $ref: '#/components/schemas/NotificationRecord' });
    expect(Object.keys(record.properties ?? {})).toEqual(
      expect.arrayContaining([
        'notifactionId',
        'recepientArtifactTypeId',
        'recepientArtifactTypeName',
        'recepientEmailAddr',
        'recepientId',
        'recepientName',
      ]),
    );
  });

  it('reads the official answer as one notification sent and one recipient rejected', () => {
    const media = deref(send.responses?.['200'] ?? {}).content?.['application/xml'];
    const [, example] = examples(media ?? {})[0] as [string, Example];
    const value = codec.decode(String(example.value), media?.schema as SchemaObject) as {
      count: number;
      errorMessage: string[];
      notification: Array<Record<string, unknown>>;
    };
    expect(value.count).toBe(1);
    expect(value.errorMessage).toEqual([
      'Please enter a valid value for the recipient user id = bad org id',
    ]);
    expect(value.notification).toHaveLength(1);
    expect(value.notification[0]?.recepientArtifactTypeId).toBe(
      '\n            90d96588360da0c701360da0ef03002c\n        ',
    );
  });
});

describe('bodies and examples', () => {
  const all = bodies();
  // Bodies shared by both send operations are checked once, at their component.
  const unique = [...new Map(all.map((b) => [b.where, b])).values()];

  it('are XML, JSON, or (for answers no page shows) any content', () => {
    expect(new Set(all.map((b) => b.mediaType))).toEqual(
      new Set(['application/xml', 'application/json', '*/*']),
    );
  });

  it.each(unique.map((b) => [b.where, b] as const))('%s has examples with provenance', (_, b) => {
    const list = examples(b.media);
    expect(list.length).toBeGreaterThan(0);
    for (const [, example] of list) {
      expect('x-sources' in example !== 'x-assumed' in example).toBe(true);
    }
  });

  const json = unique.filter((b) => b.mediaType === 'application/json');
  it.each(json.map((b) => [b.where, b] as const))(
    '%s: an assumed, open schema, and every example validates',
    (_, b) => {
      expect(b.media['x-assumed']).toBeTruthy();
      expect(b.media.schema).toEqual({});
      for (const [, example] of examples(b.media)) {
        expect(validate(`${b.where}/schema`, example.value)).toEqual([]);
      }
    },
  );

  const xml = unique.filter((b) => b.mediaType === 'application/xml');
  it.each(xml.map((b) => [b.where, b] as const))(
    '%s: every example is well-formed, uses the schema element names, and decodes to a valid value',
    (_, b) => {
      const schema = b.media.schema as SchemaObject;
      const root = deref<SchemaObject>(schema).xml?.name;
      expect(root).toBeTruthy();
      const allowed = schemaElementNames(schema, root as string);
      for (const [name, example] of examples(b.media)) {
        const text = String(example.value);
        expect(XMLValidator.validate(text), name).toBe(true);
        const names = elementNames(text);
        expect(names[0], name).toBe(root);
        expect(
          names.filter((n) => !allowed.has(n)),
          name,
        ).toEqual([]);
        const value = codec.decode(text, schema, { pointer: `${b.where}/schema` });
        expect(validate(`${b.where}/schema`, value), name).toEqual([]);
      }
    },
  );
});

describe('official examples', () => {
  const xmlExamples = (operationId: string, status?: string) => {
    const operation = op(operationId).operation;
    const holder = status
      ? deref(operation.responses?.[status] ?? {})
      : deref(operation.requestBody ?? { content: {} });
    return examples(holder.content?.['application/xml'] ?? {}).map(([, e]) => e);
  };
  const send = referenceExamples(notifications, 'sendNotification');

  it.each(['sendNotification', 'sendNotificationToParty'])(
    '%s carries the request and the request format verbatim, with their page',
    (id) => {
      const values = xmlExamples(id).map((e) => e.value);
      expect(values).toContain(send.request_body_exact);
      expect(values).toContain(send.request_body_format_exact);
      for (const e of xmlExamples(id)) expect(e['x-sources']).toBeDefined();
    },
  );

  it('carries the answer with exactly the documented correction, and says so', () => {
    const printed = send.response_body_exact as string;
    const [corrected] = xmlExamples('sendNotification', '200');
    const broken = '</recepientArtifactTypeId>\n            90d96588360da0c701360da0ef03002c';
    expect(printed.split(broken)).toHaveLength(2);
    expect(XMLValidator.validate(printed)).not.toBe(true);
    expect(corrected?.value).toBe(printed.replace(broken, broken.replace('</', '<')));
    expect(corrected?.['x-sources']).toBeDefined();
    expect(corrected?.description).toMatch(/`<\/recepientArtifactTypeId>`/);
    expect(corrected?.description).toMatch(/`<recepientArtifactTypeId>`/);
  });

  it('carries the list verbatim', () => {
    const list = referenceExamples(notifications, 'listNotifications');
    expect(xmlExamples('listPartyNotifications', '200').map((e) => e.value)).toContain(
      list.response_body_4_90_as_stored,
    );
  });

  it.each(['getUserIdentifier', 'lookUpUserIdentifier'])(
    '%s carries its page example verbatim',
    (id) => {
      const expected = referenceExamples(login, id).response_body_exact;
      expect(xmlExamples(id, '200').map((e) => e.value)).toContain(expected);
    },
  );
});
