/**
 * `createMock` with the start states the build prepared (`dist/start.json`), for the
 * package's entries and its command. Kept apart from `mock.ts`, which the build step that
 * writes those states runs before they exist.
 */
import type { CreateMock } from '@proseapi/mock-engine';
import start from '#start' with { type: 'json' };
import { createMock, type MockOptions } from './mock.js';

export const createStartedMock: CreateMock<MockOptions> = (options, mode, served) =>
  createMock(options, mode, served, start);
