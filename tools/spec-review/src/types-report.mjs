// @ts-check
/**
 * The type check's verdict and markdown, and where it and the diff disagree.
 */
/**
 * @typedef {import('./typecheck.mjs').TypeCheckResult} TypeCheckResult
 * @typedef {import('./diff.mjs').Change} Change
 */

/**
 * Operations on which the type check and the diff's client rating disagree.
 * @param {TypeCheckResult} types
 * @param {Change[]} changes
 */
export function disagreements(types, changes) {
  const typeBroken = new Set(types.breaks.map((b) => b.operation));
  /** @type {Map<string, Change[]>} */
  const diffBroken = new Map();
  for (const c of changes.filter((c) => c.clients.impact === 'major')) {
    for (const op of c.operations) diffBroken.set(op, [...(diffBroken.get(op) ?? []), c]);
  }
  const unchecked = new Set(types.unchecked.map((u) => u.operation));
  return {
    typesOnly: [...typeBroken].filter((op) => !diffBroken.has(op)).sort(),
    diffOnly: [...diffBroken]
      .filter(([op]) => !typeBroken.has(op) && !unchecked.has(op))
      .sort(([a], [b]) => a.localeCompare(b)),
  };
}

/** @param {string} s */
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** @param {string} s */
const clip = (s) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

/**
 * @param {TypeCheckResult | { skipped: string }} result
 * @param {{ ok: boolean, reason: string }} verdict
 * @param {string} baseRef
 * @param {Change[]} [changes] the diff's changes, to say where the two disagree
 */
export function renderTypesMarkdown(result, verdict, baseRef, changes) {
  const lines = [`## Type check of the previous samples (against \`${baseRef}\`)`, ''];
  if ('skipped' in result) {
    lines.push(`➖ Not run: ${result.skipped}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${verdict.ok ? '✅' : '❌'} ${verdict.reason}`, '');
  lines.push(
    `The TypeScript sample of each of the ${result.operations} operations of \`${baseRef}\` was ` +
      'compiled against the new types and client, and its answer read as the previous types describe it.',
    '',
  );
  if (result.breaks.length > 0) {
    const rows = result.breaks.map(
      (b) =>
        `| \`${b.operation}\` | ${b.side === 'request' ? 'the call' : 'the answer'} | ` +
        `${b.types.map((t) => `\`${cell(t)}\``).join(', ')} | ${cell(clip(b.message))} |`,
    );
    const table = [
      '| Operation | No longer compiles | Exported types | First error |',
      '| --- | --- | --- | --- |',
      ...rows,
    ];
    if (rows.length > 10) {
      lines.push(
        `<details><summary>${rows.length} type errors</summary>`,
        '',
        ...table,
        '',
        '</details>',
        '',
      );
    } else {
      lines.push(...table, '');
    }
  }
  if (result.removedTypes.length > 0) {
    lines.push(
      `Exported types removed: ${result.removedTypes.map((t) => `\`${t}\``).join(', ')}.`,
      '',
    );
  }
  if (result.unchecked.length > 0) {
    lines.push(
      `Not checked (the sample does not compile against its own version either): ${result.unchecked
        .map((u) => `\`${u.operation}\``)
        .join(', ')}.`,
      '',
    );
  }
  if (changes) {
    const { typesOnly, diffOnly } = disagreements(result, changes);
    lines.push('### Where the types and the diff disagree', '');
    if (typesOnly.length === 0 && diffOnly.length === 0) {
      lines.push('They agree on every operation.');
    }
    for (const op of typesOnly) {
      lines.push(
        `- \`${op}\`: the types break, the diff rates no change of it breaking for clients.`,
      );
    }
    for (const [op, list] of diffOnly) {
      lines.push(
        `- \`${op}\`: the diff rates it breaking for clients (${list
          .slice(0, 2)
          .map((c) => cell(c.words))
          .join('; ')}${list.length > 2 ? '; …' : ''}), the previous sample still compiles.`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
