/**
 * RamBase's error answers: the error body (status code and its description, the message and
 * its translation), in JSON or XML as the request asks; the token endpoint's refusals carry
 * the login error's `message` instead, as its answers declare. The mock has no translations:
 * the translated message repeats the message.
 */
import type { ErrorFormat } from '@proseapi/mock-engine';
import {
  findResponse,
  isObject,
  type MediaModel,
  resolveSchema,
  type SpecModel,
} from '@proseapi/openapi-model';
import { JSON_MEDIA, wantsXml, XML_MEDIA } from './forms.js';

/** The error body's schema, for answers outside any operation. */
const ERROR_SCHEMA = { $ref: '#/components/schemas/Error' };

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function errorBody(status: number, message: string) {
  return {
    httpStatusCode: status,
    httpStatusDescription: DESCRIPTIONS[status] ?? 'Error',
    message,
    translatedMessage: message,
  };
}

export function errorFormat(spec: SpecModel): ErrorFormat {
  const isErrorBody = (media: MediaModel) => {
    const schema = resolveSchema(spec.doc, media.schema);
    return isObject(schema) && isObject(schema.properties) && 'httpStatusCode' in schema.properties;
  };
  return {
    render(op, status, problems, context) {
      const message = problems.map((p) => p.title).join('; ');
      const xml = wantsXml(context?.accept);
      const content = op ? (findResponse(op, status)?.content ?? []) : [];
      const media =
        content.find((m) => (m.mediaType === XML_MEDIA) === xml) ??
        content.find((m) => m.mediaType === JSON_MEDIA);
      if (media && !isErrorBody(media)) {
        return { mediaType: media.mediaType, value: { message } };
      }
      return {
        mediaType: media?.mediaType ?? (xml ? XML_MEDIA : JSON_MEDIA),
        value: errorBody(status, message),
        schema: media?.schema ?? ERROR_SCHEMA,
      };
    },
  };
}
