/**
 * Error answers. No documentation page shows the body of a CSA error answer (the
 * description declares them as any content), so the mock writes its refusals as plain text,
 * one line per problem, in its own words.
 */
import type { ErrorFormat, Titles } from '@proseapi/mock-engine';

export const TITLES: Partial<Titles> = {
  credentialsMissing: 'HTTP Basic credentials of an integration account are required',
  credentialsInvalid:
    'The HTTP Basic credentials are not those of an integration account, or userIdentifier names no CSA user',
  notFound: 'Object not found',
};

export const plainTextErrors: ErrorFormat = {
  titles: TITLES,
  render: (_op, _status, problems) => ({
    mediaType: 'text/plain',
    value: problems.map((p) => p.title).join('\n'),
  }),
};
