/**
 * Drift: merged conformance reports read against the description, as a markdown summary
 * for reviewers and an OpenAPI Overlay 1.0 document proposing the smallest changes that make
 * the observed traffic valid.
 */
export { jsonPathOf, pathSegment } from './drift/jsonpath.js';
export { contradicts, type DriftMarkdownOptions, formatDrift } from './drift/markdown.js';
export {
  analyzeDrift,
  type Drift,
  type DriftCategory,
  type DriftItem,
  type DriftOptions,
  EVIDENCE,
  type Evidence,
  guessTemplate,
  type Overlay,
  type OverlayAction,
} from './drift/propose.js';
