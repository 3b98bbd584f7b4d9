// Types of the copy of the description the build writes to dist/description.json: the bundle
// of @proseapi/csa-openapi without its texts and provenance marks (`compactDocument`).
import type { JsonObject } from '@proseapi/openapi-model';

declare const description: JsonObject;
export default description;
