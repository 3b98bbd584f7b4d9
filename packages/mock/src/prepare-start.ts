/**
 * Build step: seeds the mock of the default description in each mode, twice, and writes what
 * the seed wrote, with the places of the start's time, to the file named on the command line
 * (`dist/start.json`). A start without a seed or state file reads it instead of seeding.
 */
import { writeFileSync } from 'node:fs';
import { prepareStart } from '@proseapi/mock-engine';
import { asciiJson } from '@proseapi/openapi-model';
import { createMock } from './mock.js';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: prepare-start <out.json>');
const seeded = (mode: 'stateful' | 'stateless') =>
  prepareStart((now) => createMock({ mode, now: () => now }, mode).snapshot().tables);
writeFileSync(file, asciiJson({ stateful: seeded('stateful'), stateless: seeded('stateless') }));
