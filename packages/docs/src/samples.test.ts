/**
 * The description the site shows and its code samples: the bundle plus samples, coverage
 * report and logo; every TypeScript sample type-checks against @activeplatform/client and
 * sends what its curl twin sends; every curl sample gets a success from @activeplatform/mock.
 */
import { fileURLToPath } from 'node:url';
import { builtSite, describeDescriptionAndSamples } from '@proseapi/docs-site/testing';

const site = await builtSite(fileURLToPath(new URL('..', import.meta.url)));

describeDescriptionAndSamples(site);
