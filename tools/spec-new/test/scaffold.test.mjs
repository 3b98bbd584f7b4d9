// @ts-check
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { copyRepository, editReference, lint, removePathItem, specNew } from './copy.mjs';

const copies = /** @type {string[]} */ ([]);
afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});
function copy() {
  const c = copyRepository();
  copies.push(c.root);
  return c;
}

/** The keys of the responses of an operation in a path item file, in the file's order. */
function responseCodes(/** @type {string} */ file, /** @type {string} */ method) {
  const responses = parseDocument(readFileSync(file, 'utf8')).getIn([method, 'responses']);
  return /** @type {{ items: Array<{ key: { value: string } }> }} */ (responses).items.map(
    (pair) => pair.key.value,
  );
}

/** Every file below a folder, relative to it, with its text. */
function snapshot(/** @type {string} */ dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((f) => `${f}\n${readFileSync(f, 'utf8')}`);
}

const ITEM = '/api/v3/resellers/{reseller_id}/reseller_charges/{charge_id}';
const ITEM_PAGE =
  'https://docs.activeplatform.com/api-guide/5.6-5.7/en/spisaniya-resellerov/poluchenie-informatsii-o-reseller-spisanii-resellera-po-id';

describe('an endpoint the reference knows by its page only', () => {
  const { root, api } = copy();
  // Take the endpoint out of the copy and forget every fact but its page, then scaffold it.
  removePathItem(api, ITEM, 'resources/charges/reseller-charge.yaml', ['getResellerCharge']);
  editReference(root, ({ operations, extras }) => ({
    operations: operations.filter((o) => !(o.method === 'GET' && o.path === ITEM)),
    extras: extras.map((e) => (e.path === ITEM ? { ...e, url: ITEM_PAGE } : e)),
  }));
  const run = specNew(root, ['GET', ITEM]);
  const itemFile = join(api, 'resources/charges/reseller-charge.yaml');

  it('is scaffolded into its section, with its sources and a 2XX', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const item = parse(readFileSync(itemFile, 'utf8'));
    expect(item.parameters).toEqual([
      { $ref: '../../shared/parameters/reseller_id.yaml' },
      { $ref: 'parameters/charge_id.yaml' },
    ]);
    expect(item.get).toMatchObject({
      operationId: 'getResellerCharge',
      summary: 'Get reseller charge by ID',
      tags: ['Charges'],
      'x-sources': [ITEM_PAGE],
    });
    expect(responseCodes(itemFile, 'get')).toEqual(['2XX', '401', '403', '404', '4XX', '500']);
    expect(item.get.responses['2XX']['x-assumed']).toMatch(/status/);
    expect(item.get.description).toMatch(/do not show the success status/);
  });

  it('is registered at the end of its section in the root', () => {
    const lines = readFileSync(join(api, 'openapi.yaml'), 'utf8').split('\n');
    const at = lines.indexOf(`  ${ITEM}:`);
    expect(lines[at + 1]).toBe('    $ref: resources/charges/reseller-charge.yaml');
    expect(lines[at - 1]).toMatch(/^ {4}\$ref: resources\/charges\//);
    expect(lines[at + 3]).toBe('  # --- Corrections ---');
  });

  it('comes with a changeset', () => {
    expect(readFileSync(join(root, '.changeset/add-get-reseller-charge.md'), 'utf8')).toBe(
      [
        '---',
        '"@activeplatform/openapi": minor',
        '"@activeplatform/types": minor',
        '---',
        '',
        `New operation \`getResellerCharge\` (GET \`${ITEM}\`): Get reseller charge by ID.`,
        '',
      ].join('\n'),
    );
  });

  it('passes every house rule, the provenance rules included', () => {
    const problems = lint(root);
    expect(problems.filter((p) => p.includes('reseller-charge.yaml'))).toEqual([]);
    expect(problems.filter((p) => !p.startsWith('provenance/'))).toEqual([]);
  });
});

describe('a documented action with a body, errors and a documented status', () => {
  const { root, api } = copy();
  // Take createSwitchOrder out of the copy, then scaffold it again from the reference data.
  const rootFile = join(api, 'openapi.yaml');
  writeFileSync(
    rootFile,
    readFileSync(rootFile, 'utf8').replace(
      '  /api/v3/resellers/{reseller_id}/switch_order:\n    $ref: resources/orders/switch-order.yaml\n',
      '',
    ),
  );
  rmSync(join(api, 'resources/orders/switch-order.yaml'));
  const examplesDir = join(api, 'resources/orders/examples');
  for (const f of readdirSync(examplesDir).filter((f) => f.startsWith('createSwitchOrder-'))) {
    rmSync(join(examplesDir, f));
  }
  const run = specNew(root, ['POST', '/api/v3/resellers/{reseller_id}/switch_order']);
  const itemFile = join(api, 'resources/orders/switch-order.yaml');
  const item = parse(readFileSync(itemFile, 'utf8'));
  const operation = item.post;

  it('models the documented members, required flags and values of the body', () => {
    expect(run.status).toBe(0);
    const attributes =
      operation.requestBody.content['application/vnd.api+json'].schema.properties.data.properties
        .attributes;
    expect(attributes.required).toEqual([
      'subscription_id',
      'plan_id',
      'plan_period_id',
      'switch_type',
    ]);
    expect(attributes.properties.switch_type).toEqual({
      enum: ['immediate_switch', 'delayed_switch'],
    });
    expect(attributes.properties.resources.properties.data.items.properties.quantity).toEqual({
      type: 'integer',
    });
    expect(attributes.additionalProperties).toBeUndefined();
  });

  it('declares the documented 201 and every documented message as an example with its pages', () => {
    expect(responseCodes(itemFile, 'post')).toEqual(['201', '401', '403', '422', '4XX', '500']);
    expect(operation.responses['403']).toEqual({
      $ref: '../../shared/responses/Forbidden.yaml',
      description: 'The documented messages: `This action is forbidden`.',
    });
    const examples = operation.responses['422'].content['application/vnd.api+json'].examples;
    expect(Object.keys(examples)).toHaveLength(8);
    const first = parse(
      readFileSync(join(api, 'resources/orders', examples.canNotSwitchToPlan.$ref), 'utf8'),
    );
    expect(first).toEqual({
      summary: 'Can not switch to plan with id',
      'x-sources': operation['x-sources'],
      value: { errors: [{ title: 'Can not switch to plan with id', status: '422' }] },
    });
  });

  it('writes an example where the pages show none, and marks it assumed', () => {
    const request = parse(
      readFileSync(join(api, 'resources/orders/examples/createSwitchOrder-request.yaml'), 'utf8'),
    );
    expect(request['x-assumed']).toMatch(/Written here/);
    expect(request.value.data.attributes.switch_type).toBe('immediate_switch');
  });

  it('passes every house rule, the provenance rules included', () => {
    const problems = lint(root);
    expect(problems.filter((p) => /switch-order|createSwitchOrder/.test(p))).toEqual([]);
    // The models the removed operation used are left over in the copy, unreferenced.
    const house = problems.filter((p) => !/^(provenance|files)\//.test(p));
    expect(house).toEqual([]);
  });
});

describe('a method added to a path that has others', () => {
  const { root, api } = copy();
  const notes = join(api, 'resources/notes/notes.yaml');
  const text = readFileSync(notes, 'utf8');
  writeFileSync(notes, `# The notes list.\n${text.slice(0, text.indexOf('post:'))}`);
  for (const f of readdirSync(join(api, 'resources/notes/examples'))) {
    if (f.startsWith('createNote-')) rmSync(join(api, 'resources/notes/examples', f));
  }
  const before = readFileSync(join(api, 'openapi.yaml'), 'utf8');
  const run = specNew(root, ['POST', '/api/v3/resellers/{reseller_id}/notes']);

  it('goes into the existing file, which keeps its comments, and the root is left alone', () => {
    expect(run.status).toBe(0);
    const after = readFileSync(notes, 'utf8');
    expect(after.startsWith('# The notes list.\nparameters:')).toBe(true);
    const item = parse(after);
    expect(Object.keys(item)).toEqual(['parameters', 'get', 'post']);
    expect(item.get.operationId).toBe('listNotes');
    expect(item.post).toMatchObject({ operationId: 'createNote', tags: ['Notes'] });
    expect(responseCodes(notes, 'post')[0]).toBe('201');
    expect(readFileSync(join(api, 'openapi.yaml'), 'utf8')).toBe(before);
  });
});

describe('refusals', () => {
  const { root } = copy();
  // Two documented endpoints the copy's reference data invents: one without a page, one whose
  // resource no registered path shares.
  editReference(root, ({ operations, extras }) => ({
    operations,
    extras: [
      ...extras,
      {
        method: 'GET',
        path: '/api/v3/resellers/{reseller_id}/widgets',
        action: 'Get widgets',
        url: '',
      },
      {
        method: 'GET',
        path: '/api/v3/resellers/{reseller_id}/gadgets',
        action: 'Get gadgets',
        url: 'https://docs.activeplatform.com/api-guide/latest/en/gadgets',
      },
    ],
  }));
  const untouched = snapshot(root);

  it.each([
    [
      ['GET', '/api/v3/nowhere'],
      /^spec-new: Unknown action: GET \/api\/v3\/nowhere is neither in tools\/reference\/activeplatform\/operations.json/,
    ],
    [
      ['GET', '/api/v3/resellers/{reseller_id}/notes'],
      /^spec-new: Already present: GET \/api\/v3\/resellers\/\{reseller_id\}\/notes is `listNotes` in spec\/activeplatform\/resources\/notes\/notes.yaml/,
    ],
    [
      ['GET', '/api/v3/resellers/{reseller_id}/widgets'],
      /has no documentation page in the reference data/,
    ],
    [
      ['GET', '/api/v3/resellers/{reseller_id}/gadgets'],
      /names no section .* Pass --section with one of: Resellers, Accounts/,
    ],
    [
      ['GET', '/api/v3/resellers/{reseller_id}/gadgets', '--section', 'Discounts'],
      /Section "Discounts" needs a tag and a `# --- Discounts ---` marker/,
    ],
    [
      [
        'GET',
        '/api/v3/resellers/{reseller_id}/gadgets',
        '--section',
        'Charges',
        '--operation-id',
        'listNotes',
      ],
      /operationId listNotes is taken; choose another with --operation-id/,
    ],
  ])('%j is refused clearly and writes nothing', (args, message) => {
    const run = specNew(root, args);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(snapshot(root)).toEqual(untouched);
  });

  it('prints its usage for missing arguments', () => {
    const run = specNew(root, ['GET']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: spec-new <METHOD> <path>/);
    expect(existsSync(join(root, '.changeset/add-get-reseller-charge.md'))).toBe(false);
  });
});
