// @ts-check
/**
 * The docs site of the CSA Legacy notification API: what @proseapi/docs-site builds, serves
 * and tests here.
 */
import { fileURLToPath } from 'node:url';

/** A file of a package this one depends on. */
const file = (/** @type {string} */ specifier) => fileURLToPath(import.meta.resolve(specifier));

/** @type {import('@proseapi/docs-site').DocsSiteConfig} */
export default {
  name: 'CSA notification API docs',
  spec: file('@proseapi/csa-openapi/openapi.json'),
  coverage: file('@proseapi/csa-openapi/coverage.md'),
  logo: fileURLToPath(new URL('./assets/logo.svg', import.meta.url)),
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
  // curl samples only for now; HTTP Basic reads `user:password` from CSA_CREDENTIALS.
  samples: { tokenEnvVar: 'CSA_CREDENTIALS' },
};
