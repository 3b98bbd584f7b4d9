// Types of the module the build writes to dist/precompiled.js (Ajv standalone code).
import type { ValidateFn } from '@proseapi/mock-engine';

export declare const specHash: string;
export declare const validators: Record<string, ValidateFn | undefined>;
/** The collections whose example records the build found to fit their schema. */
export declare const fittingExamples: readonly string[];
