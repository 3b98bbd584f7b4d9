import { describe, expect, it } from 'vitest';
import { curlSample, describeCall } from '../code-samples.js';
import { listOperations } from '../openapi.js';
import { xmlFixture } from '../test-support/xml-fixture.js';
import { descriptionCheck } from './description-check.js';
import { curlRequest } from './shell.js';

const env = { NOTE_CREDENTIALS: 'u:p' };
const entry = listOperations(xmlFixture).find((e) => e.operation.operationId === 'sendNote');
if (!entry) throw new Error('the fixture has no sendNote');
/** The curl sample of the fixture's call, as the docs site writes it. */
const sample = curlSample(describeCall(xmlFixture, entry, {}), { tokenEnvVar: 'NOTE_CREDENTIALS' });

describe('a request checked against the description', () => {
  const send = descriptionCheck(xmlFixture);

  it('passes for the curl sample: its XML body read through the schema', async () => {
    const response = await send(curlRequest(sample, env));
    expect(response.status).toBe(200);
  });

  it.each([
    ['a required query parameter is missing', sample.replace('user=u1&', ''), 400],
    ['no credentials are sent', sample.replace('  -u "$NOTE_CREDENTIALS" \\\n', ''), 401],
    ['an XML value is outside its enum', sample.replace('<to>b</to>', '<to>c</to>'), 422],
    ['a required XML element is missing', sample.replace('  <to>a</to>\n  <to>b</to>\n', ''), 422],
    ['the XML is malformed', sample.replace('</Note>', '</Not>'), 400],
    [
      'the media type is not declared',
      sample.replace('Content-Type: application/xml', 'Content-Type: text/plain'),
      415,
    ],
    ['the path is not described', sample.replace('/notes', '/memos'), 404],
  ])('refuses it when %s', async (_why, command, status) => {
    expect(command).not.toBe(sample);
    expect((await send(curlRequest(command, env))).status).toBe(status);
  });
});
