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
  // HTTP Basic reads `user:password` from CSA_CREDENTIALS.
  samples: { tokenEnvVar: 'CSA_CREDENTIALS' },
  // The mock's own integration account; the samples' userIdentifier and party ids are people
  // of its seeded world.
  mock: {
    package: '@proseapi/csa-mock',
    env: { CSA_CREDENTIALS: 'csaTransportUser:csa-mock-transport' },
  },
};
