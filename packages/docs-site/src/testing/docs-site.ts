/** Every check a docs site runs, in one call: its description and samples, then its page. */
import { describeSitePage, type SitePageOptions } from './page.js';
import { describeDescriptionAndSamples } from './samples.js';
import type { BuiltSite } from './site.js';

export function describeDocsSite(site: BuiltSite, options: SitePageOptions = {}): void {
  describeDescriptionAndSamples(site);
  describeSitePage(site, options);
}
