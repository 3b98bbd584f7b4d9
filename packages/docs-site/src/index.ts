export type { CodeSampleOptions, MethodCall, SampleValues } from './code-samples.js';
export {
  type BrandScale,
  CONFIG_FILE,
  configProblems,
  type DocsSiteConfig,
  descriptionFiles,
  type LoadedConfig,
  loadConfig,
  themeCss,
} from './config.js';
export type { JsonValue } from './openapi.js';
export { ASSUMED_CLASS, assumedBadge, markProvenance } from './provenance.js';
export { inlineRemoteAssets, selfContainedProblems } from './self-contained.js';
export { type DocsServer, type DocsServerOptions, startDocsServer } from './server.js';
export {
  type BuildOptions,
  type BuildResult,
  buildSite,
  docsDocument,
  withAbsoluteServerUrls,
} from './site.js';
