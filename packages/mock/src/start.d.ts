// Types of the start states the build writes to dist/start.json (`src/prepare-start.ts`):
// what the seed writes for each mode, for the default description.
import type { PreparedStart } from '@proseapi/mock-engine';

declare const start: { stateful: PreparedStart; stateless: PreparedStart };
export default start;
