/**
 * API v3's errors: a JSON:API error document, `{"errors": [{"title", "status"}]}`, or the
 * single-object form (`"errors": {…}`) where an operation's documented example uses it;
 * titles in the API's own (Rails) wording.
 */

import type { ErrorFormat, Titles } from '@proseapi/mock-engine';
import {
  findResponse,
  isObject,
  type OperationModel,
  type SpecModel,
} from '@proseapi/openapi-model';

export const TITLES: Partial<Titles> = {
  missing: (member) => `param is missing or the value is empty: ${member}`,
  invalid: (member) => `param is invalid: ${member}`,
  bodyMissing: 'request body is missing or malformed',
  credentialsMissing: 'API token is missing',
  credentialsInvalid: 'API token is invalid',
};

/** Whether the operation documents this status with one error object in `errors`. */
function singleObject(op: OperationModel, status: number): boolean {
  const response = findResponse(op, status);
  for (const media of response?.content ?? []) {
    for (const example of media.examples) {
      if (isObject(example.value) && 'errors' in example.value)
        return isObject(example.value.errors);
    }
  }
  return false;
}

export function errorDocuments(spec: SpecModel): ErrorFormat {
  const forms = new Map<string, { mediaType: string; single: boolean }>();
  const formOf = (op: OperationModel | undefined, status: number) => {
    const key = `${op?.key ?? ''} ${status}`;
    let form = forms.get(key);
    if (!form) {
      const declared = op ? findResponse(op, status) : undefined;
      form = {
        mediaType: declared?.content[0]?.mediaType ?? spec.defaultMediaType,
        single: op ? singleObject(op, status) : false,
      };
      if (forms.size < 4096) forms.set(key, form);
    }
    return form;
  };
  return {
    titles: TITLES,
    render(op, status, problems) {
      const form = formOf(op, status);
      const list = problems.map((p) => ({ title: p.title, status: String(p.status) }));
      return { mediaType: form.mediaType, value: { errors: form.single ? list[0] : list } };
    },
  };
}
