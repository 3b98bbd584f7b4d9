import { expect, it } from 'vitest';
import { generateTypes } from './test-support/generate-types.js';

// The type tests of success-statuses.test-d.ts read types generated from a small description;
// this keeps them what openapi-typescript makes of it today (`vitest -u` rewrites them).
it('types generated from the success-statuses description are current', async () => {
  const generated = await generateTypes(
    new URL('./test-support/success-statuses.yaml', import.meta.url),
  );
  expect(generated).toContain('"2XX": {');
  await expect(generated).toMatchFileSnapshot('./test-support/success-statuses.generated.ts');
});
