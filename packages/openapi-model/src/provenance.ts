/**
 * Provenance of a fact, read from the nodes on the way to it (`x-assumed`, `x-sources`; see
 * the vocabulary of the repository's spec/README.md): assumed when any node on the way
 * carries `x-assumed`, else documented by the nearest pages named.
 */
import { isObject } from './json.js';

export interface Provenance {
  /** The `x-assumed` reason nearest the fact, when the fact is assumed. */
  assumed: string | undefined;
  /** The pages of the nearest `x-sources` on the way (empty when none names any). */
  sources: string[];
}

/** Reads the provenance of a fact from the nodes on the way to it, outermost first. */
export function provenanceOf(way: readonly unknown[]): Provenance {
  let assumed: string | undefined;
  let sources: string[] = [];
  for (const node of way) {
    if (!isObject(node)) continue;
    const reason = node['x-assumed'];
    if (reason !== undefined) assumed = typeof reason === 'string' ? reason : String(reason);
    const pages = node['x-sources'];
    if (Array.isArray(pages)) sources = pages.filter((p): p is string => typeof p === 'string');
  }
  return { assumed, sources };
}
