import type { ScalarType } from './schema.js';

/**
 * Lexical forms of XML Schema's numeric and boolean types. Surrounding whitespace is dropped
 * first, as XML Schema collapses it for these types.
 */
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN: Record<string, boolean> = { true: true, false: false, 1: true, 0: false };

export type TextMode = 'preserve' | 'trim';

/**
 * Reads text as the first of `types` it fits, most specific first: integer, number, boolean,
 * then string. Returns `undefined` when it fits none.
 */
export function readScalar(
  text: string,
  types: readonly ScalarType[],
  mode: TextMode,
): { value: string | number | boolean } | undefined {
  const token = text.trim();
  if (types.includes('integer') && INTEGER.test(token)) {
    const value = Number(token);
    if (Number.isSafeInteger(value)) return { value };
  }
  if (types.includes('number') && NUMBER.test(token)) {
    const value = Number(token);
    if (Number.isFinite(value)) return { value };
  }
  if (types.includes('boolean') && Object.hasOwn(BOOLEAN, token)) {
    return { value: BOOLEAN[token] as boolean };
  }
  if (types.includes('string')) return { value: mode === 'trim' ? token : text };
  return undefined;
}

/** What a JSON scalar is, as far as a schema's `type` goes. */
export function scalarKind(value: unknown): ScalarType | 'null' | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return undefined;
}

/** Writes a JSON scalar as XML text; `-0` keeps its sign. */
export function writeScalar(value: string | number | boolean): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return String(value);
}
