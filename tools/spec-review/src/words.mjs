// @ts-check
/**
 * A change in words: "DELETE …/notes/{note_id} was removed", "GET …/accounts: response 200
 * member `data[].attributes.name` was removed".
 */
import { at, pointerSegments } from './description.mjs';
import { METHODS } from './openapi.mjs';

/**
 * @typedef {import('./redocly-diff.mjs').RawChange} RawChange
 * @typedef {import('./description.mjs').Description} Description
 */

/**
 * A long path template shortened to its last two segments: `…/notes/{note_id}`.
 * @param {string} path
 */
export function shortPath(path) {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : path;
}

/** @param {unknown} value */
function show(value) {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}…` : text}\``;
}

/** @param {unknown[]} names */
const list = (names) => names.map((n) => `\`${String(n)}\``).join(', ');

/**
 * The member a schema path names: `properties/data/items/properties/name` → `data[].name`.
 * @param {string[]} segments after the schema's root
 */
function memberName(segments) {
  let name = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'properties' && i + 1 < segments.length) {
      name += `${name ? '.' : ''}${segments[++i]}`;
    } else if (s === 'items') {
      name += '[]';
    } else if (s === 'additionalProperties') {
      name += '.*';
    }
  }
  return name;
}

/**
 * Where a change is, as words: the operation (or path) and the part of it.
 * @param {string[]} segments
 * @param {any} document the description the node exists in
 */
function place(segments, document) {
  if (segments[0] === 'components') {
    const kind = segments[1] === 'securitySchemes' ? 'security scheme' : 'component';
    const name = segments[2] ? ` \`${segments[2]}\`` : 's';
    return { owner: '', part: `${kind}${name}`, rest: segments.slice(3) };
  }
  if (segments[0] !== 'paths') {
    return { owner: '', part: segments[0] ?? 'the description', rest: segments.slice(1) };
  }
  const path = segments[1] ?? '';
  const method = METHODS.includes(segments[2] ?? '') ? (segments[2] ?? '') : '';
  const owner = method ? `${method.toUpperCase()} ${shortPath(path)}` : `path ${shortPath(path)}`;
  const rest = segments.slice(method ? 3 : 2);
  const parts = [];
  let i = 0;
  while (i < rest.length) {
    const s = rest[i];
    if (s === 'parameters' && i + 1 < rest.length) {
      const parameter = at(document, [
        ...segments.slice(0, segments.length - rest.length + i),
        s,
        rest[i + 1] ?? '',
      ]);
      parts.push(
        parameter?.name
          ? `${parameter.in ?? ''} parameter \`${parameter.name}\``.trim()
          : 'a parameter',
      );
      i += 2;
    } else if (s === 'requestBody') {
      parts.push('request body');
      i += 1;
    } else if (s === 'responses' && i + 1 < rest.length) {
      parts.push(`response ${rest[i + 1]}`);
      i += 2;
    } else if (s === 'headers' && i + 1 < rest.length) {
      parts.push(`header \`${rest[i + 1]}\``);
      i += 2;
    } else if (s === 'content' && i + 1 < rest.length) {
      if (i + 2 >= rest.length) parts.push(`media type ${rest[i + 1]}`);
      i += 2;
    } else if (s === 'schema') {
      const member = memberName(rest.slice(i + 1));
      if (member) parts.push(`member \`${member}\``);
      return { owner, part: parts.join(' '), rest: [] };
    } else if (s === 'security') {
      parts.push('security requirements');
      return { owner, part: parts.join(' '), rest: [] };
    } else {
      parts.push(s);
      i += 1;
    }
  }
  return { owner, part: parts.join(' '), rest: [] };
}

/**
 * @param {{ owner: string, part: string }} where
 * @param {string} predicate
 */
function sentence(where, predicate) {
  if (!where.owner) return `${capitalize(where.part)} ${predicate}`;
  if (!where.part) return `${where.owner} ${predicate}`;
  return `${where.owner}: ${where.part} ${predicate}`;
}

/** @param {string} s */
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * @param {RawChange} change
 * @param {{ base: Description, revision: Description }} descriptions
 */
export function describeChange(change, descriptions) {
  const segments = pointerSegments(change.path);
  const document =
    change.kind === 'removed' ? descriptions.base.document : descriptions.revision.document;
  const where = place(segments, document);
  const before = change.base?.value;
  const after = change.revision?.value;
  if (change.kind === 'removed') return sentence(where, 'was removed');
  if (change.kind === 'added') {
    const node = at(document, segments);
    return sentence(where, node?.required === true ? 'was added, required' : 'was added');
  }
  switch (change.property) {
    case 'key': {
      if (change.typeName === 'PathItem') return `Path ${show(before)} became ${show(after)}`;
      const old = place([...segments.slice(0, -1), String(before)], descriptions.base.document);
      return sentence(old, `became ${show(after)}`);
    }
    case 'required': {
      if (Array.isArray(before) || Array.isArray(after)) {
        const was = new Set(Array.isArray(before) ? before : []);
        const now = new Set(Array.isArray(after) ? after : []);
        const added = [...now].filter((n) => !was.has(n));
        const dropped = [...was].filter((n) => !now.has(n));
        const what = [
          added.length ? `now requires ${list(added)}` : '',
          dropped.length ? `no longer requires ${list(dropped)}` : '',
        ]
          .filter(Boolean)
          .join(' and ');
        return sentence(where.part ? where : { ...where, part: 'body' }, what || 'changed');
      }
      return sentence(where, after === true ? 'is now required' : 'is now optional');
    }
    case 'enum': {
      const was = Array.isArray(before) ? before : [];
      const now = Array.isArray(after) ? after : [];
      const added = now.filter((v) => !was.includes(v));
      const dropped = was.filter((v) => !now.includes(v));
      const what = [
        added.length ? `takes new values ${list(added)}` : '',
        dropped.length ? `no longer takes ${list(dropped)}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return sentence(where, what || 'changed its values');
    }
    case 'description':
    case 'summary':
    case 'title':
      return sentence(where, `changed its ${change.property}`);
    default: {
      const property = change.property ? `\`${change.property}\`` : 'value';
      return sentence(where, `changed ${property} from ${show(before)} to ${show(after)}`);
    }
  }
}
