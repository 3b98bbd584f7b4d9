// @ts-check
/**
 * The docs site of the CSA Legacy notification API: what @proseapi/docs-site builds, serves
 * and tests here.
 */
import { descriptionFiles } from '@proseapi/docs-site';

/** @type {import('@proseapi/docs-site').DocsSiteConfig} */
export default {
  name: 'CSA notification API docs',
  ...descriptionFiles(import.meta.url, '@proseapi/csa-openapi'),
  theme: {
    light: [
      '#e8f1fb',
      '#c9def6',
      '#9fc3ee',
      '#6ea3e3',
      '#3f84d6',
      '#1f66bd',
      '#1a56a0',
      '#154682',
      '#103664',
      '#0b2646',
      '#061729',
    ],
    dark: [
      '#0a1a2e',
      '#0e2540',
      '#133156',
      '#1a416f',
      '#225390',
      '#3f84d6',
      '#5e9ade',
      '#83b2e6',
      '#a9caef',
      '#cfe1f7',
      '#e8f1fb',
    ],
  },
  samples: {
    // curl's HTTP Basic reads `user:password` from CSA_CREDENTIALS; the client takes the two
    // apart.
    tokenEnvVar: 'CSA_CREDENTIALS',
    clientPackage: '@proseapi/csa-client',
    clientFactory: 'createCsaClient',
    clientOptions: { username: 'CSA_USERNAME', password: 'CSA_PASSWORD' },
    // The client has a method per operation.
    methods: {
      getUserIdentifier: ({ path }) => ({
        method: 'getUserIdentifier',
        args: [path.organization_name, path.user_name],
      }),
      lookUpUserIdentifier: ({ path, query }) => ({
        method: 'lookUpUserIdentifier',
        args: [path.organization_name, query.userName],
      }),
      sendNotification: ({ query, body }) => ({
        method: 'sendNotification',
        args: [body, { userIdentifier: query.userIdentifier }],
      }),
      sendNotificationToParty: ({ path, query, body }) => ({
        method: 'sendNotification',
        args: [body, { partyId: path.party_id, userIdentifier: query.userIdentifier }],
      }),
      listPartyNotifications: ({ path, query }) => ({
        method: 'listPartyNotifications',
        args: [
          path.party_id,
          { maxResults: query.maxResults, userIdentifier: query.userIdentifier },
        ],
      }),
    },
  },
  // The mock's own integration account; the samples' userIdentifier and party ids are people
  // of its seeded world.
  mock: {
    package: '@proseapi/csa-mock',
    env: {
      CSA_CREDENTIALS: 'csaTransportUser:csa-mock-transport',
      CSA_USERNAME: 'csaTransportUser',
      CSA_PASSWORD: 'csa-mock-transport',
    },
  },
};
