import { describe, expect, it } from 'vitest';
import { isXmlMediaType, mediaForms, wrapperMember } from './forms.js';
import { buildSpecModel } from './model.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (json: unknown, xml: unknown) => ({
  content: {
    'application/json': { schema: json },
    'application/xml': { schema: xml },
  },
});
const doc = {
  openapi: '3.1.0',
  info: { title: 'Forms', version: '1' },
  paths: {
    '/orders': {
      post: {
        requestBody: content(ref('OrderDocument'), ref('Order')),
        responses: {
          '200': { description: 'same', ...content(ref('Order'), ref('Order')) },
          '201': { description: 'unrelated', ...content(ref('OrderDocument'), ref('Other')) },
          '202': {
            description: 'JSON only',
            content: { 'application/json': { schema: ref('Order') } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Order: { type: 'object', xml: { name: 'Order' }, properties: { id: { type: 'integer' } } },
      Other: { type: 'object', properties: { id: { type: 'integer' } } },
      OrderDocument: { type: 'object', properties: { order: ref('Order') } },
      Pair: { type: 'object', properties: { a: { type: 'object' }, b: { type: 'object' } } },
      Scalar: { type: 'object', properties: { a: { type: 'string' } } },
    },
  },
};
const model = buildSpecModel(doc);
const op = model.operations[0];
const response = (status: string) => op?.responses.find((r) => r.status === status)?.content;

describe('the two forms of a body', () => {
  it('finds the key the JSON form wraps the XML form in', () => {
    const forms = mediaForms(model.doc, op?.body?.content);
    expect(forms?.key).toBe('order');
    expect(forms?.json.mediaType).toBe('application/json');
    expect(forms?.xml.mediaType).toBe('application/xml');
  });

  it('knows forms of the same shape, and bodies whose forms do not match or are not two', () => {
    expect(mediaForms(model.doc, response('200'))?.key).toBeUndefined();
    expect(mediaForms(model.doc, response('200'))).toBeDefined();
    expect(mediaForms(model.doc, response('201'))).toBeUndefined();
    expect(mediaForms(model.doc, response('202'))).toBeUndefined();
  });

  it('reads a wrapper only from a single object member', () => {
    expect(wrapperMember(model.doc, ref('OrderDocument'))?.[0]).toBe('order');
    expect(wrapperMember(model.doc, ref('Pair'))).toBeUndefined();
    expect(wrapperMember(model.doc, ref('Scalar'))).toBeUndefined();
  });

  it('tells XML media types', () => {
    expect(['application/xml', 'text/xml', 'application/atom+xml'].every(isXmlMediaType)).toBe(
      true,
    );
    expect(isXmlMediaType('application/json')).toBe(false);
  });
});
