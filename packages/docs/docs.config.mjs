// @ts-check
/**
 * The ActivePlatform API v3 docs site: what @proseapi/docs-site builds, serves and tests here.
 */
import { descriptionFiles } from '@proseapi/docs-site';

/** @type {import('@proseapi/docs-site').DocsSiteConfig} */
export default {
  name: 'ActivePlatform API docs',
  ...descriptionFiles(import.meta.url, '@activeplatform/openapi'),
  // The platform's teal.
  theme: {
    light: [
      '#e3f5f1',
      '#c2e9e0',
      '#94d8c9',
      '#5fc2ad',
      '#2ea790',
      '#0e7c6b',
      '#0b6c5d',
      '#095b4f',
      '#074a40',
      '#053931',
      '#032923',
    ],
    dark: [
      '#0c2a25',
      '#103a33',
      '#154b42',
      '#1b6053',
      '#237a69',
      '#2ea790',
      '#4dbfa8',
      '#74d0bd',
      '#9fe0d2',
      '#c6eee5',
      '#e3f5f1',
    ],
  },
  samples: {
    clientPackage: '@activeplatform/client',
    clientFactory: 'createClient',
    tokenEnvVar: 'ACTIVEPLATFORM_TOKEN',
  },
  // Any token passes: the samples read theirs from the environment.
  mock: {
    package: '@activeplatform/mock',
    options: { acceptAnyToken: true },
    env: { ACTIVEPLATFORM_TOKEN: 'docs-sample-token' },
  },
};
