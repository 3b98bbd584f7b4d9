// @ts-check
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { downconvert, variantPaths, writeVariant } from '../src/index.mjs';

const nullableString = { type: ['string', 'null'] };

/** A small 3.1 document with one of each place a schema can sit. */
function fixture() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Things',
      version: '1',
      summary: 'Things API',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    'x-tagGroups': [{ name: 'All', tags: ['things'] }],
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: ['integer'] } }],
        get: {
          operationId: 'getThing',
          'x-sources': ['https://docs.example.com/things/get'],
          parameters: [
            { $ref: '#/components/parameters/Filter', description: 'Filter things.' },
            {
              name: 'q',
              in: 'query',
              content: { 'application/json': { schema: { const: 1 } } },
            },
          ],
          responses: {
            '2XX': {
              description: 'The thing.',
              'x-assumed': 'The status is not shown.',
              headers: { 'X-Rate': { schema: { type: ['integer', 'null'] } } },
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Thing' },
                  examples: {
                    one: {
                      summary: 'One thing',
                      'x-sources': ['https://docs.example.com/things/get'],
                      value: { name: null, schema: { type: ['string', 'null'] } },
                    },
                    shared: { $ref: '#/components/examples/Shared', summary: 'A shared one' },
                  },
                },
              },
            },
            404: { $ref: '#/components/responses/NotFound', description: 'No such thing.' },
          },
          callbacks: {
            changed: {
              '{$request.query.hook}': {
                post: {
                  requestBody: { content: { 'application/json': { schema: nullableString } } },
                  responses: { 204: { description: 'Taken.' } },
                },
              },
            },
          },
        },
        put: {
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: nullableString } },
                encoding: { file: { headers: { 'X-Part': { schema: { const: 'a' } } } } },
              },
            },
          },
          responses: { 204: { description: 'Stored.' } },
        },
      },
      '/others': { $ref: '#/components/pathItems/Others' },
    },
    webhooks: {
      thingCreated: { post: { responses: { 200: { description: 'ok' } } } },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          'x-assumed': 'Nothing shows the members.',
          properties: { name: nullableString, size: { type: 'integer', exclusiveMinimum: 0 } },
        },
      },
      parameters: {
        Filter: { name: 'filter', in: 'query', schema: { examples: ['a'] } },
      },
      headers: { Trace: { schema: { const: 'x' } } },
      requestBodies: { Body: { content: { 'application/json': { schema: nullableString } } } },
      responses: {
        NotFound: {
          description: 'Not found.',
          content: { 'application/json': { schema: nullableString } },
        },
      },
      examples: { Shared: { value: { name: 'shared' } } },
      pathItems: {
        Others: { get: { responses: { 200: { description: 'Others.' } } } },
      },
      securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
    },
  };
}

describe('downconvert', () => {
  const { document, losses } = downconvert(fixture());

  it('declares OpenAPI 3.0.3 and drops what 3.0 has no place for', () => {
    expect(document.openapi).toBe('3.0.3');
    expect(document.info).toEqual({ title: 'Things', version: '1', license: { name: 'MIT' } });
    expect(document).not.toHaveProperty('jsonSchemaDialect');
    expect(document).not.toHaveProperty('webhooks');
    expect(document.components).not.toHaveProperty('pathItems');
    expect(losses.map((l) => l.pointer)).toEqual(
      expect.arrayContaining([
        '#/info/summary',
        '#/info/license/identifier',
        '#/jsonSchemaDialect',
        '#/webhooks',
        '#/components/pathItems',
      ]),
    );
  });

  it('inlines path items that referenced components/pathItems', () => {
    expect(document.paths['/others']).toEqual({
      get: { responses: { 200: { description: 'Others.' } } },
    });
  });

  it('converts schemas in every place: parameters, content, headers, encodings, callbacks, components', () => {
    const item = document.paths['/things/{id}'];
    expect(item.parameters[0].schema).toEqual({ type: 'integer' });
    expect(item.get.parameters[1].content['application/json'].schema).toEqual({ enum: [1] });
    expect(item.get.responses['2XX'].headers['X-Rate'].schema).toEqual({
      type: 'integer',
      nullable: true,
    });
    expect(
      item.put.requestBody.content['multipart/form-data'].encoding.file.headers['X-Part'].schema,
    ).toEqual({ enum: ['a'] });
    expect(item.put.requestBody.content['multipart/form-data'].schema.properties.file).toEqual({
      type: 'string',
      nullable: true,
    });
    expect(
      item.get.callbacks.changed['{$request.query.hook}'].post.requestBody.content[
        'application/json'
      ].schema,
    ).toEqual({ type: 'string', nullable: true });
    const c = document.components;
    expect(c.schemas.Thing.properties).toEqual({
      name: { type: 'string', nullable: true },
      size: { type: 'integer', minimum: 0, exclusiveMinimum: true },
    });
    expect(c.parameters.Filter.schema).toEqual({ example: 'a' });
    expect(c.headers.Trace.schema).toEqual({ enum: ['x'] });
    expect(c.requestBodies.Body.content['application/json'].schema).toEqual({
      type: 'string',
      nullable: true,
    });
    expect(c.responses.NotFound.content['application/json'].schema).toEqual({
      type: 'string',
      nullable: true,
    });
  });

  it('leaves Reference Objects to non-schemas with $ref alone, reporting the dropped text', () => {
    const get = document.paths['/things/{id}'].get;
    expect(get.parameters[0]).toEqual({ $ref: '#/components/parameters/Filter' });
    expect(get.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(get.responses['2XX'].content['application/json'].examples.shared).toEqual({
      $ref: '#/components/examples/Shared',
    });
    expect(
      losses.filter((l) => l.keyword === 'description' || l.keyword === 'summary').length,
    ).toBe(4);
  });

  it('keeps 2XX keys, example data and every x- extension as they are', () => {
    const get = document.paths['/things/{id}'].get;
    expect(Object.keys(get.responses)).toEqual(['404', '2XX']);
    expect(get.responses['2XX']['x-assumed']).toBe('The status is not shown.');
    expect(get['x-sources']).toEqual(['https://docs.example.com/things/get']);
    expect(get.responses['2XX'].content['application/json'].examples.one).toEqual(
      fixture().paths['/things/{id}'].get.responses['2XX'].content['application/json'].examples.one,
    );
    expect(document.components.schemas.Thing['x-assumed']).toBe('Nothing shows the members.');
    expect(document['x-tagGroups']).toEqual(fixture()['x-tagGroups']);
  });

  it('does not change its input', () => {
    const input = fixture();
    downconvert(input);
    expect(input).toEqual(fixture());
  });

  it('refuses what is not OpenAPI 3.1, and mutualTLS, naming the pointer', () => {
    expect(() => downconvert({ openapi: '3.0.3' })).toThrow(/^#\/openapi: expected an OpenAPI 3.1/);
    const tls = fixture();
    // @ts-expect-error a scheme type the fixture's inferred type does not list
    tls.components.securitySchemes.Token = { type: 'mutualTLS' };
    expect(() => downconvert(tls)).toThrow(
      /^#\/components\/securitySchemes\/Token\/type: the `mutualTLS` security scheme/,
    );
  });

  it('names the pointer of a broken schema deep in a path', () => {
    const broken = fixture();
    // @ts-expect-error a schema that is not one
    broken.paths['/things/{id}'].get.parameters[1].content['application/json'].schema = 3;
    expect(() => downconvert(broken)).toThrow(
      /^#\/paths\/~1things~1\{id\}\/get\/parameters\/1\/content\/application~1json\/schema: /,
    );
  });
});

describe('writeVariant', () => {
  it('writes openapi.3.0.json and openapi.3.0.yaml beside the bundle, the same document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'downconvert-'));
    const bundle = join(dir, 'openapi.json');
    writeFileSync(bundle, JSON.stringify(fixture()));
    const { json, yaml, losses } = writeVariant(bundle);
    expect([json, yaml]).toEqual([join(dir, 'openapi.3.0.json'), join(dir, 'openapi.3.0.yaml')]);
    expect(variantPaths(bundle)).toEqual({ json, yaml });
    const fromJson = JSON.parse(readFileSync(json, 'utf8'));
    expect(parse(readFileSync(yaml, 'utf8'))).toEqual(fromJson);
    expect(fromJson).toEqual(downconvert(fixture()).document);
    expect(losses.length).toBeGreaterThan(0);
  });
});
