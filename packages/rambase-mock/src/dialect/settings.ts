/**
 * Who may log in to a mock that is given nobody: the API client, the users and the
 * authorization code of the description's token request examples, so that those requests
 * work as written. A second user needs a one-time password and a target system, to show the
 * refusals the token endpoint declares.
 */
import type { ApiClient, ApiUser, AuthorizationCode } from './tokens.js';

export const DEMO_CLIENT: ApiClient = {
  clientId: 'erp-connector',
  clientSecret: '9pQv3xT7mW2kLs8R',
};

export const DEMO_USERS: readonly ApiUser[] = [
  { username: 'kari.hansen', password: 'correct-horse-battery' },
  {
    username: 'ole.berg',
    password: 'ole-berg-password',
    otp: '481516',
    targets: [
      { name: 'ACMEPROD', description: 'Production' },
      { name: 'ACMETEST', description: 'Test system' },
    ],
  },
];

export const DEMO_CODES: readonly AuthorizationCode[] = [
  { code: 'ac-3e8b7c1f', clientId: 'erp-connector', username: 'kari.hansen' },
];

/** An access token's lifetime when none is given, in seconds (the description's example). */
export const DEFAULT_LIFETIME = 3600;
