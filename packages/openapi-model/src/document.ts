import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isObject, type JsonObject } from './json.js';

const bundles = new Map<string, JsonObject>();

/**
 * Reads and parses a bundled description (JSON) once per process; later calls with the
 * same path give the same object. An unreadable or non-object file throws an error that
 * names the file.
 */
export function loadBundle(path: string): JsonObject {
  const file = resolve(path);
  const cached = bundles.get(file);
  if (cached) return cached;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the bundled description ${file}: ${(error as Error).message}`);
  }
  if (!isObject(doc)) throw new Error(`${file} is not an OpenAPI document (not a JSON object)`);
  bundles.set(file, doc);
  return doc;
}
