import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  deref,
  escapePointer,
  loadBundle,
  type MediaType,
  type OpenApiDocument,
  operations,
} from './bundle.js';
import { coverageList, referenceOperations, templatePath } from './reference.js';

const doc = loadBundle();
const ops = operations(doc);
const MEDIA_TYPE = 'application/vnd.api+json';

function validator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  return (pointer: string, value: unknown) => {
    const validate = ajv.compile({ $ref: `openapi.json${pointer}` });
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
const check = validator(doc);

/** Every body in the bundle with its JSON pointer, resolved through shared responses. */
function bodies() {
  const out: Array<{ where: string; schemaPointer: string; media: MediaType }> = [];
  for (const { operation, pointer } of ops) {
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      out.push({
        where: `${pointer}/requestBody/content/${escapePointer(type)}`,
        schemaPointer: `${pointer}/requestBody/content/${escapePointer(type)}/schema`,
        media,
      });
    }
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const base = raw.$ref ?? `${pointer}/responses/${status}`;
      const response = deref(doc, raw);
      for (const [type, media] of Object.entries(response.content ?? {})) {
        const where = `${base}/content/${escapePointer(type)}`;
        out.push({ where, schemaPointer: `${where}/schema`, media });
      }
    }
  }
  return out;
}

function exampleValues(media: MediaType): unknown[] {
  const values: unknown[] = [];
  if ('example' in media) values.push(media.example);
  for (const ex of Object.values(media.examples ?? {})) {
    values.push(deref(doc, ex).value);
  }
  return values;
}

describe('root document', () => {
  it('is OpenAPI 3.1 with a templated server and a global X-Api-Token scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.[0]?.url).toBe('{base_url}');
    expect(doc.servers?.[0]?.variables?.base_url?.default).toMatch(/^https:\/\//);
    expect(doc.security).toEqual([{ ApiToken: [] }]);
    expect(doc.components.securitySchemes?.ApiToken).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Token',
    });
  });

  it('has a tag for every section of the coverage list, each in one tag group', () => {
    const sections = [...new Set(coverageList().map((r) => r.section))];
    const tags = (doc.tags ?? []).map((t) => t.name);
    expect(sections).toHaveLength(19);
    expect(tags.sort()).toEqual([...sections].sort());
    const grouped = (doc['x-tagGroups'] ?? []).flatMap((g) => g.tags);
    expect(grouped.sort()).toEqual([...sections].sort());
  });
});

describe('every operation', () => {
  const tagNames = new Set((doc.tags ?? []).map((t) => t.name));

  it.each(ops.map((o) => [o.pointer, o] as const))('%s follows the conventions', (_, o) => {
    const op = o.operation;
    expect(op.operationId).toMatch(/^[a-z]+[A-Za-z0-9]*$/);
    expect(op.summary?.trim()).toBeTruthy();
    expect(op.description?.trim()).toBeTruthy();
    expect(op.tags).toHaveLength(1);
    expect(tagNames.has(op.tags?.[0] ?? '')).toBe(true);
    for (const code of ['401', '403', '500']) expect(op.responses).toHaveProperty(code);
    const params = [
      ...(((doc.paths[o.path] as { parameters?: unknown[] }).parameters ?? []) as object[]),
      ...(op.parameters ?? []),
    ].map((p) => deref<{ name: string; in: string }>(doc, p as { $ref: string }));
    for (const p of params) {
      expect(`${p.in}:${p.name.toLowerCase()}`).not.toMatch(
        /^header:(x-api-token|content-type|accept)$/,
      );
    }
  });

  it('has unique operationIds', () => {
    const ids = ops.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('bodies and examples', () => {
  const all = bodies();

  it.each(all.map((b) => [b.where, b] as const))(
    '%s uses vnd.api+json and has examples',
    (_, b) => {
      expect(b.where.endsWith(escapePointer(MEDIA_TYPE))).toBe(true);
      expect(exampleValues(b.media).length).toBeGreaterThan(0);
    },
  );

  it.each(all.map((b) => [b.where, b] as const))('%s: every example validates', (_, b) => {
    for (const value of exampleValues(b.media)) {
      expect(check(b.schemaPointer, value)).toEqual([]);
    }
  });
});

describe('official examples', () => {
  const byRoute = new Map(ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));
  const documented = referenceOperations().filter((r) =>
    byRoute.has(`${r.method} ${templatePath(r.path)}`),
  );

  it('are checked for at least the Closing documents section', () => {
    expect(documented.filter((r) => r.section === 'Closing documents')).toHaveLength(5);
  });

  it.each(documented.map((r) => [`${r.method} ${r.path} (${r.action})`, r] as const))(
    '%s appear verbatim',
    (_, r) => {
      const o = byRoute.get(`${r.method} ${templatePath(r.path)}`);
      if (!o) throw new Error('operation vanished');
      const requestExamples = Object.values(o.operation.requestBody?.content ?? {}).flatMap(
        exampleValues,
      );
      // A status key is a code ("201") or a range ("2XX"); its first digit is its class.
      const responseExamples = (status: (statusClass: number) => boolean) =>
        Object.entries(o.operation.responses ?? {})
          .filter(([code]) => status(Number(code[0])))
          .flatMap(([, raw]) =>
            Object.values(deref(doc, raw).content ?? {}).flatMap(exampleValues),
          );
      if (r.requestExample != null) expect(requestExamples).toContainEqual(r.requestExample);
      if (r.responseExample != null) {
        expect(responseExamples((c) => c === 2)).toContainEqual(r.responseExample);
      }
      if (r.errorExample != null)
        expect(responseExamples((c) => c >= 4)).toContainEqual(r.errorExample);
    },
  );
});

describe('Closing documents', () => {
  it('has all five documented operations', () => {
    const ids = ops.filter((o) => o.operation.tags?.includes('Closing documents'));
    expect(ids.map((o) => o.operation.operationId).sort()).toEqual([
      'deleteClosingDocument',
      'getClosingDocument',
      'sendClosingDocument',
      'sendClosingDocumentNotifications',
      'updateClosingDocument',
    ]);
  });

  it('documents the object-shaped 422 of the notifications endpoint exactly', () => {
    const op = ops.find((o) => o.operation.operationId === 'sendClosingDocumentNotifications');
    const media = deref(doc, op?.operation.responses?.['422'] ?? {}).content?.[MEDIA_TYPE];
    expect(exampleValues(media ?? {})).toContainEqual({
      errors: { title: 'param is missing or the value is empty: account_ids', status: '422' },
    });
  });

  it('rejects an unknown closing document type and a malformed amount', () => {
    const pointer = '#/components/schemas/ClosingDocumentInput';
    const good = {
      key: 'k',
      type: 'act',
      name: 'n',
      amount: { total: '-1.50', currency: 'EUR' },
      start_date: '2019-11-01',
      end_date: '2019-11-30',
      file: 'data:application/pdf;base64,AAAA',
    };
    expect(check(pointer, good)).toEqual([]);
    expect(check(pointer, { ...good, type: 'receipt' })).not.toEqual([]);
    expect(check(pointer, { ...good, amount: { total: '12,50', currency: 'EUR' } })).not.toEqual(
      [],
    );
    expect(check(pointer, { ...good, file: 'JVBERi0xLjQK' })).not.toEqual([]);
  });
});
