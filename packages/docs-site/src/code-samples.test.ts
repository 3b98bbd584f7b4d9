import { describe, expect, it } from 'vitest';
import {
  addCodeSamples,
  type CodeSampleOptions,
  callUrl,
  clientEnvVars,
  curlSample,
  describeCall,
  hasTypeScriptSample,
  operationSamples,
  queryPairs,
  type SampleValues,
  tsLiteral,
  typescriptSample,
} from './code-samples.js';
import { listOperations, type OpenApiDocument } from './openapi.js';
import { fixture } from './test-support/fixture.js';
import { xmlFixture } from './test-support/xml-fixture.js';

const options: CodeSampleOptions = { clientPackage: '@shop/client', tokenEnvVar: 'SHOP_TOKEN' };

const entry = (doc: OpenApiDocument, id: string) => {
  const found = listOperations(doc).find((e) => e.operation.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const call = (id: string) => describeCall(fixture, entry(fixture, id), options);

describe('describeCall', () => {
  it('keeps required and documented parameters and drops the rest', () => {
    const list = call('listItems');
    expect(list.baseUrl).toBe('https://api.example.org/v2');
    expect(list.pathParams).toEqual({ shop_id: 7 });
    expect(list.query.map((q) => q.parameter.name)).toEqual(['page', 'filter', 'tags', 'ids']);
    expect(list.headers).toEqual([
      { name: 'X-Request-Id', value: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(list.auth).toEqual({ kind: 'header', name: 'X-Key', prefix: '' });
    expect(list.accept).toBe('application/json');
    expect(list.body).toBeUndefined();
  });

  it('reads the security of the operation before the document-wide one', () => {
    expect(call('createItem').auth).toEqual({
      kind: 'header',
      name: 'Authorization',
      prefix: 'Bearer ',
    });
    expect(call('deleteItem').auth).toEqual({ kind: 'query', name: 'api_key' });
    expect(call('upload').auth).toBeUndefined();
  });

  it('falls back to the configured base URL when the server URL is relative', () => {
    const doc = { ...fixture, servers: [{ url: '/api' }] };
    expect(
      describeCall(doc, entry(doc, 'upload'), {
        ...options,
        fallbackBaseUrl: 'http://127.0.0.1:4010',
      }).baseUrl,
    ).toBe('http://127.0.0.1:4010');
  });
});

describe('query serialization', () => {
  const param = (extra: object) => ({ name: 'p', in: 'query' as const, ...extra });
  it('follows style and explode', () => {
    expect(queryPairs(param({ style: 'deepObject' }), { a: 1, b: { c: 'x y' } })).toEqual([
      'p[a]=1',
      'p[b][c]=x%20y',
    ]);
    expect(queryPairs(param({}), ['a', 'b'])).toEqual(['p=a', 'p=b']);
    expect(queryPairs(param({ explode: false }), ['a', 'b,c'])).toEqual(['p=a,b%2Cc']);
    expect(queryPairs(param({ style: 'pipeDelimited', explode: false }), [1, 2])).toEqual([
      'p=1|2',
    ]);
    expect(queryPairs(param({}), { a: 1, b: 2 })).toEqual(['a=1', 'b=2']);
    expect(queryPairs(param({ explode: false }), { a: 1, b: 2 })).toEqual(['p=a,1,b,2']);
    expect(queryPairs(param({}), true)).toEqual(['p=true']);
    expect(queryPairs(param({}), 'a,b c')).toEqual(['p=a,b%20c']);
  });

  it('builds the whole URL with path values encoded', () => {
    expect(callUrl(call('listItems'))).toBe(
      'https://api.example.org/v2/shops/7/items?page[size]=2&page[number]=2&filter[status]=new,sold&tags=a%20b&tags=c&ids=1,2',
    );
    expect(callUrl(call('replaceItem'))).toBe("https://api.example.org/v2/shops/o'neil/items/1");
  });
});

describe('TypeScript sample', () => {
  it('prints literals with quoted keys only where needed', () => {
    expect(tsLiteral({ a: 1, 'b-c': "it's", d: [true, null] })).toBe(
      "{ a: 1, 'b-c': 'it\\'s', d: [true, null] }",
    );
    expect(tsLiteral({})).toBe('{}');
    expect(tsLiteral('x'.repeat(80))).toBe(`'${'x'.repeat(80)}'`);
    expect(tsLiteral({ long: 'y'.repeat(80) }, 1)).toBe(`{\n    long: '${'y'.repeat(80)}',\n  }`);
  });

  it('calls the client with params and the body example', () => {
    expect(
      typescriptSample(call('createItem'), options),
    ).toBe(`import { createClient } from '@shop/client';

const client = createClient({
  baseUrl: 'https://api.example.org/v2',
  token: process.env.SHOP_TOKEN ?? '',
});

const { data, error } = await client.POST(
  '/shops/{shop_id}/items',
  {
    params: { path: { shop_id: 7 } },
    body: { name: 'Lamp', price: '12.00', 'odd-key': true },
  },
);
if (error) {
  console.error(error);
} else {
  console.log(data);
}
`);
  });

  it('passes query families as nested objects and headers by name', () => {
    const source = typescriptSample(call('listItems'), options);
    expect(source).toContain(
      "query: {\n        page: { size: 2, number: 2 },\n        filter: { status: 'new,sold' },",
    );
    expect(source).toContain("header: { 'X-Request-Id': '00000000-0000-4000-8000-000000000000' },");
  });

  it('encodes bodies that are not JSON as openapi-fetch expects', () => {
    expect(typescriptSample(call('upload'), options)).toContain(`await client.POST(
  '/upload',
  {
    body: { file: 'x.pdf' },
    bodySerializer: (body) => {
      const form = new FormData();`);
    const form = {
      ...call('upload'),
      body: { mediaType: 'application/x-www-form-urlencoded', value: { a: '1' } },
    };
    expect(typescriptSample(form, options)).toContain(
      "    body: { a: '1' },\n    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },",
    );
    expect(typescriptSample(call('createItem'), options)).not.toMatch(/bodySerializer|headers:/);
  });

  it('leaves out the init object when the call needs none', () => {
    const bare = { ...call('upload'), body: undefined };
    expect(typescriptSample(bare, options)).toContain(
      "const { data, error } = await client.POST('/upload');",
    );
  });
});

describe('curl sample', () => {
  it('sends the token, the media types and the JSON body', () => {
    expect(
      curlSample(call('createItem'), options),
    ).toBe(`curl -X POST 'https://api.example.org/v2/shops/7/items' \\
  -H "Authorization: Bearer $SHOP_TOKEN" \\
  -H 'Accept: application/json' \\
  -H 'Content-Type: application/json' \\
  --data-raw '{
  "name": "Lamp",
  "price": "12.00",
  "odd-key": true
}'
`);
  });

  it('turns globbing off only for bracketed names', () => {
    expect(curlSample(call('listItems'), options)).toMatch(
      /^curl -g -X GET 'https:\/\/api\.example\.org\/v2\/shops\/7\/items\?page\[size\]=2/,
    );
    expect(curlSample(call('createItem'), options)).toMatch(/^curl -X POST/);
  });

  it('quotes single quotes for the shell', () => {
    expect(curlSample(call('replaceItem'), options)).toContain(
      `curl -X PUT 'https://api.example.org/v2/shops/o'\\''neil/items/1'`,
    );
  });

  it('puts a query token in the URL and form fields in -F', () => {
    expect(curlSample(call('deleteItem'), options)).toBe(
      'curl -X DELETE "https://api.example.org/v2/shops/7/items/1?api_key=$SHOP_TOKEN"\n',
    );
    expect(curlSample(call('upload'), options)).toBe(
      `curl -X POST 'https://api.example.org/v2/upload' \\\n  -F 'file=x.pdf'\n`,
    );
  });
});

describe('addCodeSamples', () => {
  it('adds both samples to every operation of a copy', () => {
    const out = addCodeSamples(fixture, options);
    for (const e of listOperations(out)) {
      expect(e.operation['x-codeSamples']?.map((s) => s.label)).toEqual(['TypeScript', 'curl']);
    }
    expect(listOperations(fixture).some((e) => e.operation['x-codeSamples'])).toBe(false);
  });

  it('keeps hand-written samples of other labels and replaces same-label ones', () => {
    const doc = structuredClone(fixture);
    entry(doc, 'upload').operation['x-codeSamples'] = [
      { lang: 'Python', label: 'Python', source: 'print(1)' },
      { lang: 'Shell', label: 'curl', source: 'curl old' },
    ];
    const samples = entry(addCodeSamples(doc, options), 'upload').operation['x-codeSamples'];
    expect(samples?.map((s) => s.label)).toEqual(['TypeScript', 'curl', 'Python']);
    expect(samples?.[1]?.source).not.toBe('curl old');
  });

  it('labels samples as configured', () => {
    const samples = operationSamples(fixture, entry(fixture, 'upload'), {
      ...options,
      labels: { typescript: 'TS', curl: 'cURL' },
    });
    expect(samples.map((s) => [s.lang, s.label])).toEqual([
      ['TypeScript', 'TS'],
      ['Shell', 'cURL'],
    ]);
  });
});

describe('samples without a client package', () => {
  it('are curl samples only, and a hand-written TypeScript sample stays', () => {
    const doc = structuredClone(fixture);
    entry(doc, 'upload').operation['x-codeSamples'] = [
      { lang: 'TypeScript', label: 'TypeScript', source: 'hand-written' },
    ];
    const out = addCodeSamples(doc, { tokenEnvVar: 'SHOP_TOKEN' });
    for (const e of listOperations(out)) {
      expect(e.operation['x-codeSamples']?.map((s) => s.label)).toEqual(
        e.operation.operationId === 'upload' ? ['curl', 'TypeScript'] : ['curl'],
      );
    }
    expect(() => typescriptSample(call('upload'), { tokenEnvVar: 'X' })).toThrow(/clientPackage/);
  });
});

describe('samples of an XML API', () => {
  const note = describeCall(xmlFixture, entry(xmlFixture, 'sendNote'), {});

  it('send the documented XML document with curl, with Basic credentials', () => {
    expect(curlSample(note, { tokenEnvVar: 'NOTE_CREDENTIALS' })).toBe(
      [
        "curl -X POST 'https://host:8444/rest/notes?user=u1&$expand=Who.Name' \\",
        '  -u "$NOTE_CREDENTIALS" \\',
        "  -H 'Accept: application/xml' \\",
        "  -H 'Content-Type: application/xml' \\",
        `  --data-binary '<Note>\n  <text>it'\\''s</text>\n  <to>a</to>\n  <to>b</to>\n</Note>'`,
        '',
      ].join('\n'),
    );
  });

  it('give a client the value the XML stands for, with the options it takes', () => {
    const source = typescriptSample(
      note,
      {
        clientPackage: '@notes/client',
        clientOptions: { username: 'NOTE_USER', password: 'NOTE_PASSWORD' },
      },
      xmlFixture,
    );
    expect(source).toContain(
      "  username: process.env.NOTE_USER ?? '',\n  password: process.env.NOTE_PASSWORD ?? '',\n",
    );
    expect(source).toContain("body: { text: 'it\\'s', to: ['a', 'b'] },");
    expect(source).not.toContain('token:');
  });

  it('escape the URL for the shell when the credentials travel in the query', () => {
    const withKey = structuredClone(xmlFixture);
    (withKey.components as { securitySchemes: object }).securitySchemes = {
      basic: { type: 'apiKey', in: 'query', name: '$access_token' },
    };
    const sample = curlSample(describeCall(withKey, entry(withKey, 'sendNote'), {}), {
      tokenEnvVar: 'TOKEN',
    });
    expect(sample.split('\n')[0]).toBe(
      'curl -X POST "https://host:8444/rest/notes?user=u1&\\$expand=Who.Name&\\$access_token=$TOKEN" \\',
    );
  });
});

describe('samples through a client with a method per operation', () => {
  const options = {
    clientPackage: '@notes/client',
    clientFactory: 'createNotesClient',
    clientOptions: { auth: { user: 'NOTE_USER', password: 'NOTE_PASSWORD' } },
    methods: {
      sendNote: ({ query, body }: SampleValues) => ({
        method: 'send',
        args: [body, { user: query.user, unchosen: query.nothing }],
      }),
    },
  };

  it('call the method the configuration gives, with the values the sample chose', () => {
    const note = entry(xmlFixture, 'sendNote');
    expect(hasTypeScriptSample(note, options)).toBe(true);
    expect(
      typescriptSample(describeCall(xmlFixture, note, options), options, xmlFixture, 'sendNote'),
    ).toBe(
      [
        "import { createNotesClient } from '@notes/client';",
        '',
        'const client = createNotesClient({',
        "  baseUrl: 'https://host:8444/rest',",
        "  auth: { user: process.env.NOTE_USER ?? '', password: process.env.NOTE_PASSWORD ?? '' },",
        '});',
        '',
        // Longer than 80 characters on one line: one argument a line.
        'const result = await client.send(',
        "  { text: 'it\\'s', to: ['a', 'b'] },",
        "  { user: 'u1' },",
        ');',
        'console.log(result);',
        '',
      ].join('\n'),
    );
    expect(clientEnvVars(options)).toEqual(['NOTE_USER', 'NOTE_PASSWORD']);
  });

  it('leave an operation without a method to curl alone', () => {
    const item = entry(fixture, 'createItem');
    expect(hasTypeScriptSample(item, options)).toBe(false);
    expect(operationSamples(fixture, item, options).map((s) => s.label)).toEqual(['curl']);
    expect(() =>
      typescriptSample(describeCall(fixture, item, options), options, fixture, 'createItem'),
    ).toThrow(/no method is given for createItem/);
  });
});

describe('parameter values of the configuration', () => {
  it('replace documented ones, and null leaves an optional parameter out', () => {
    const chosen = describeCall(fixture, entry(fixture, 'listItems'), {
      parameterValues: { tags: ['x'], filter: null, shop_id: null, 'X-Request-Id': 'r-1' },
    });
    expect(chosen.query.map((q) => [q.parameter.name, q.value])).toEqual([
      ['page', { size: 2, number: 2 }],
      ['tags', ['x']],
      ['ids', [1, 2]],
    ]);
    // A required parameter keeps its documented value.
    expect(chosen.pathParams).toEqual({ shop_id: 7 });
    expect(chosen.headers).toEqual([{ name: 'X-Request-Id', value: 'r-1' }]);
  });
});
