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
  // curl samples only for now; the bearer token comes from RAMBASE_TOKEN.
  samples: {
    tokenEnvVar: 'RAMBASE_TOKEN',
    // The samples ask for JSON by their Accept header and show `$expand`: `$format` would
    // override the header, `$select` would hide what `$expand` adds, and the others repeat
    // their defaults.
    parameterValues: {
      $format: null,
      $select: null,
      $lang: null,
      $showDomainDescriptions: null,
      $inlinecount: null,
    },
  },
};
