/**
 * What the tests of every docs package share: the built site, the Chromium page checks, the
 * checks of the description and its samples, and a reader of curl commands.
 */
export { foreignRequests, launchChromium } from '../browser.js';
export { describeDocsSite } from './docs-site.js';
export { describeSitePage, type SitePageOptions, type SiteSession } from './page.js';
export {
  curlOf,
  describeBuiltDescription,
  describeDescriptionAndSamples,
  describeSampleRuns,
  describeTypeScriptSamples,
  sampleMock,
} from './samples.js';
export { type CurlCommand, curlRequest, parseCurl, shellWords } from './shell.js';
export {
  type BuiltSite,
  builtSite,
  operationById,
  operationName,
  sampleOf,
  sourceBundle,
} from './site.js';
