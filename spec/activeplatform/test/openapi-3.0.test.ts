import { fileURLToPath } from 'node:url';
import { describeThreeZeroVariant } from '@activeplatform/openapi-downconvert/testing';

describeThreeZeroVariant({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  minExamples: 200,
});
