// @ts-check
/**
 * The docs site of RamBase's supplier-invoice notifications: what @proseapi/docs-site builds,
 * serves and tests here.
 */
import { descriptionFiles } from '@proseapi/docs-site';

/** @type {import('@proseapi/docs-site').DocsSiteConfig} */
export default {
  name: 'RamBase notification API docs',
  ...descriptionFiles(import.meta.url, '@proseapi/rambase-openapi'),
  theme: {
    light: [
      '#f6ecf7',
      '#e9d2ec',
      '#d6aedb',
      '#bf84c5',
      '#a45dab',
      '#84408c',
      '#723678',
      '#5f2d64',
      '#4c2350',
      '#391a3c',
      '#261128',
    ],
    dark: [
      '#1f0f21',
      '#2d1630',
      '#3d1e41',
      '#512856',
      '#6a3470',
      '#a45dab',
      '#b676bd',
      '#c895ce',
      '#dab5de',
      '#ebd6ee',
      '#f6ecf7',
    ],
  },
  // The bearer token comes from RAMBASE_TOKEN.
  samples: {
    tokenEnvVar: 'RAMBASE_TOKEN',
    clientPackage: '@proseapi/rambase-client',
    clientFactory: 'createRamBaseClient',
    clientOptions: { auth: { accessToken: 'RAMBASE_TOKEN' } },
    // The client has a method per operation; it calls the token endpoint itself, so that
    // operation has a curl sample only.
    methods: {
      getSupplierInvoiceNotification: ({ path, query }) => ({
        method: 'getNotification',
        args: [path.supplierInvoiceId, path.notificationId, { expand: expandPaths(query) }],
      }),
      listSupplierInvoiceNotifications: ({ path, query }) => ({
        method: 'listNotifications',
        args: [
          path.supplierInvoiceId,
          { expand: expandPaths(query), query: { regardingItemId: query.regardingItemId } },
        ],
      }),
      createSupplierInvoiceNotification: ({ path, body }) => ({
        method: 'createNotification',
        args: [path.supplierInvoiceId, wrapped(body)],
      }),
    },
    // The samples ask for JSON by their Accept header and show `$expand`: `$format` would
    // override the header, `$select` would hide what `$expand` adds, and the others repeat
    // their defaults. The supplier invoice and the notification are those of the
    // description's examples, which the mock's world holds.
    parameterValues: {
      supplierInvoiceId: 100523,
      notificationId: 7,
      $format: null,
      $select: null,
      $lang: null,
      $showDomainDescriptions: null,
      $inlinecount: null,
    },
  },
  // A token the mock issues from its own OAuth endpoint to its demonstration API client.
  mock: {
    package: '@proseapi/rambase-mock',
    options: { mode: 'stateful' },
    env: async (fetch) => ({ RAMBASE_TOKEN: await mockToken(fetch) }),
  },
};

/**
 * The `$expand` of a sample as the client takes it, a list.
 * @param {Record<string, unknown>} query
 */
function expandPaths(query) {
  return String(query.$expand).split(',');
}

/**
 * What a create's JSON body wraps under `notification`: the client takes that.
 * @param {unknown} body
 */
function wrapped(body) {
  return /** @type {{ notification?: unknown } | undefined} */ (body)?.notification;
}

/**
 * Logs in to the mock's token endpoint with the client-credentials grant.
 * @param {typeof globalThis.fetch} fetch the mock's
 */
async function mockToken(fetch) {
  const { DEMO_CLIENT } = await import('@proseapi/rambase-mock');
  const response = await fetch('https://api.rambase.net/oauth2/access_token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`the mock refused the login: ${JSON.stringify(answer)}`);
  return answer.access_token;
}
