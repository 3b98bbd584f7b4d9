/**
 * Random values that satisfy a schema (json-schema-faker), repeatable for a seed. Kept
 * apart from the rest of the model so that readers of descriptions do not load the
 * generator.
 */
import { generateSync } from 'json-schema-faker';
import type { JsonObject } from './json.js';

export interface GenerateOptions {
  /** The document the schema's `$ref`s point into. */
  doc: JsonObject;
  /** Seed of the generator: the same seed gives the same value. */
  seed: number;
  /** Random optional members and values instead of the schema's examples and defaults. */
  dynamic: boolean;
}

/** A value for a schema: examples and defaults first unless `dynamic`, generated otherwise. */
export function generateValue(schema: unknown, options: GenerateOptions): unknown {
  if (schema === undefined || schema === true) return {};
  if (schema === false) return null;
  const root = { ...(schema as object), components: options.doc.components };
  return generateSync(root, {
    seed: options.seed,
    refDepthMax: 12,
    maxDepth: 12,
    useExamplesValue: !options.dynamic,
    useDefaultValue: !options.dynamic,
    alwaysFakeOptionals: !options.dynamic,
    optionalsProbability: 0.7,
    maxDefaultItems: 3,
  });
}
