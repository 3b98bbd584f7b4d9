// Types of the module the build writes to dist/precompiled.js (Ajv standalone code).
import type { ValidateFn } from './engine/validation.js';

export declare const specHash: string;
export declare const validators: Record<string, ValidateFn | undefined>;
