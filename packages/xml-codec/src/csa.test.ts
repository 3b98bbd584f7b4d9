import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SchemaObject, XmlCodec, XmlCodecError } from './index.js';

/**
 * Real documents: the examples of the CSA Legacy notification API's documentation, as the
 * pages print them, read through a fragment shaped like that API's description. (The
 * description's own tests run the codec over every example of its bundle.)
 */
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/csa/${name}`, import.meta.url), 'utf8');

const token: SchemaObject = {
  type: 'object',
  xml: { name: 'tokens' },
  properties: { tokenSequence: { type: 'integer' }, value: { type: 'string' } },
};
const document = {
  components: {
    schemas: {
      Notification: {
        type: 'object',
        xml: { name: 'Notification' },
        properties: {
          subject: { type: 'string' },
          contentBody: { type: 'string' },
          artifactContextId: { type: 'string' },
          recipient: {
            type: 'array',
            items: {
              type: 'object',
              xml: { name: 'recipient' },
              required: ['id', 'type'],
              properties: {
                id: { type: 'string' },
                type: { type: 'string', enum: ['PERSON', 'ORGANIZATION'] },
              },
            },
          },
          tokens: { type: 'array', items: { $ref: '#/components/schemas/Token' } },
        },
      },
      Token: token,
      Record: {
        type: 'object',
        xml: { name: 'notification' },
        properties: {
          notifContentBody: { type: 'string' },
          notifCreatedOn: { type: 'string' },
          notifSubject: { type: 'string' },
          notifactionId: { type: 'string' },
          recepientArtifactTypeId: { type: 'string' },
          recepientArtifactTypeName: { type: 'string' },
          recepientEmailAddr: { type: 'string' },
          recepientId: { type: 'string' },
          recepientName: { type: 'string' },
          senderContextArtifactId: { type: 'string' },
          senderContextArtifactName: { type: 'string' },
          senderContextArtifactTypeId: { type: 'string' },
          senderContextArtifactTypeName: { type: 'string' },
          source: { type: 'string' },
          tokens: { type: 'array', items: { $ref: '#/components/schemas/Token' } },
        },
      },
      NotificationPostResponse: {
        type: 'object',
        properties: {
          count: { type: 'integer' },
          errorMessage: { type: 'array', items: { type: 'string', xml: { name: 'errorMessage' } } },
          notification: { type: 'array', items: { $ref: '#/components/schemas/Record' } },
        },
      },
      NotificationList: {
        type: 'object',
        properties: {
          notification: { type: 'array', items: { $ref: '#/components/schemas/Record' } },
        },
      },
      Person: { type: 'object', xml: { name: 'person' }, properties: { id: { type: 'string' } } },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('the CSA notification examples', () => {
  const codec = new XmlCodec({ document });

  it('reads the send request: unwrapped recipients and tokens, integer token numbers', () => {
    expect(codec.decode(fixture('send-notification-request.xml'), ref('Notification'))).toEqual({
      subject: 'Test Subject',
      contentBody: 'Test content body, token0 = {0}. Token1 = {1}',
      recipient: [
        { id: '90cec3a03a93ef89013a93f07b880001', type: 'PERSON' },
        { id: 'bad org id', type: 'ORGANIZATION' },
      ],
      tokens: [
        { tokenSequence: 0, value: 'Token 0 test content' },
        { tokenSequence: 1, value: 'Token 1 test content' },
      ],
    });
  });

  it('reports where the answer, as the page prints it, stops being XML', () => {
    const printed = fixture('send-notification-answer-as-printed.xml');
    let error: unknown;
    try {
      codec.decode(printed, ref('NotificationPostResponse'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlCodecError);
    expect((error as XmlCodecError).line).toBe(10);
    expect((error as XmlCodecError).message).toMatch(/not well-formed XML/);
  });

  it('reads the corrected answer, keeping text as written or trimmed on request', () => {
    const corrected = fixture('send-notification-answer-as-printed.xml').replace(
      '</recepientArtifactTypeId>\n            90d9',
      '<recepientArtifactTypeId>\n            90d9',
    );
    const value = codec.decode(corrected, ref('NotificationPostResponse')) as {
      count: number;
      errorMessage: string[];
      notification: Array<Record<string, unknown>>;
    };
    expect(value.count).toBe(1);
    expect(value.errorMessage).toEqual([
      'Please enter a valid value for the recipient user id = bad org id',
    ]);
    expect(value.notification[0]?.recepientEmailAddr).toBe(
      '\n            acctgconsumer@econ-csa.com\n        ',
    );
    expect(value.notification[0]?.tokens).toEqual([
      { tokenSequence: 1, value: 'Token 1 test content' },
      { tokenSequence: 0, value: 'Token 0 test content' },
    ]);
    const trimmed = new XmlCodec({ document, text: 'trim' }).decode(
      corrected,
      ref('NotificationPostResponse'),
    ) as { notification: Array<Record<string, unknown>> };
    expect(trimmed.notification[0]?.recepientEmailAddr).toBe('acctgconsumer@econ-csa.com');
    expect(trimmed.notification[0]?.senderContextArtifactTypeName).toBe('PERSON');
  });

  it('reads the list, whose root is named by its component', () => {
    const value = codec.decode(fixture('notification-list.xml'), ref('NotificationList')) as {
      notification: Array<Record<string, unknown>>;
    };
    expect(value.notification).toHaveLength(1);
    expect(value.notification[0]).toMatchObject({
      notifactionId: '90d957ea3806fa7e01380f95d38d073a',
      senderContextArtifactName: 'CONSUMER',
      tokens: [
        { tokenSequence: 0, value: 'my request' },
        { tokenSequence: 1, value: 'CSA Consumer' },
      ],
    });
  });

  it('keeps the ellipsis of the look-up answer as text beside the documented id', () => {
    expect(codec.decode(fixture('person.xml'), ref('Person'), {})).toEqual({
      id: '90s96588670da0c701360da0f1d540a1',
      '#text': '\n     \n    ... \n',
    });
  });

  it('writes the send request back, in the order of the schema', () => {
    const value = codec.decode(fixture('send-notification-request.xml'), ref('Notification'));
    const xml = codec.encode(value, ref('Notification'), { standalone: true });
    expect(xml.split('\n').slice(0, 7)).toEqual([
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<Notification>',
      '  <subject>Test Subject</subject>',
      '  <contentBody>Test content body, token0 = {0}. Token1 = {1}</contentBody>',
      '  <recipient>',
      '    <id>90cec3a03a93ef89013a93f07b880001</id>',
      '    <type>PERSON</type>',
    ]);
    expect(codec.decode(xml, ref('Notification'))).toEqual(value);
  });
});
