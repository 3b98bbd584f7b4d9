// @ts-check
/** Names a new operation gets from its method and path: its file, operationId and words. */

/** @param {string} path */
export const segments = (path) => (path.split('?')[0] ?? path).split('/').filter(Boolean);

/** @param {string} segment */
export const isTemplate = (segment) => /^\{[^}]+\}$/.test(segment);

/**
 * A plural word made singular, the simple English way.
 * @param {string} word
 */
export function singular(word) {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us)$/.test(word)) return word;
  if (/(sses|uses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The words naming what a path addresses: the plain segments after its last template, or,
 * when it ends with a template, the segment before it made singular. `item` tells which.
 * @param {string} path
 * @returns {{ words: string[], item: boolean }}
 */
export function resourceWords(path) {
  const parts = segments(path);
  const last = parts.length - 1;
  if (last >= 0 && isTemplate(parts[last] ?? '')) {
    const before = [...parts.slice(0, last)].reverse().find((s) => !isTemplate(s)) ?? 'item';
    return { words: singular(before).split('_'), item: true };
  }
  const lastTemplate = parts.findLastIndex(isTemplate);
  // Without a template the last segment names it (`/api/v3/analytics_daily`).
  const tail = lastTemplate < 0 ? parts.slice(-1) : parts.slice(lastTemplate + 1);
  return { words: tail.flatMap((s) => s.split('_')), item: false };
}

/**
 * The segment a list and its items share: `charges` for `/charges` and `/charges/{id}`.
 * @param {string} path
 */
export function collectionSegment(path) {
  return [...segments(path)].reverse().find((s) => !isTemplate(s)) ?? '';
}

const pascal = (/** @type {string[]} */ words) =>
  words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

const VERBS = { GET: 'get', POST: 'create', PATCH: 'update', PUT: 'replace', DELETE: 'delete' };

/**
 * The operationId a method and path suggest: `listCharges`, `getCharge`, `createNote`…
 * @param {string} method
 * @param {string} path
 */
export function operationIdFor(method, path) {
  const { words, item } = resourceWords(path);
  const upper = method.toUpperCase();
  if (upper === 'GET' && !item) return `list${pascal(words)}`;
  const verb = VERBS[/** @type {keyof typeof VERBS} */ (upper)] ?? method.toLowerCase();
  const noun =
    upper === 'POST' && !item ? [...words.slice(0, -1), singular(words.at(-1) ?? '')] : words;
  return `${verb}${pascal(noun)}`;
}

/**
 * The file name of a new path item: `charge.yaml`, `reseller-charges.yaml`…
 * @param {string} path
 */
export function fileNameFor(path) {
  return `${resourceWords(path).words.join('-')}.yaml`;
}

/**
 * A short, file-name-safe slug of a text.
 * @param {string} text
 */
export function slug(text) {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .split('-')
      .slice(0, 5)
      .join('-') || 'case'
  );
}
