// @ts-check
/**
 * Drift: conformance reports of real traffic read against a description's source, and an
 * OpenAPI Overlay 1.0 document applied back to that source.
 *
 * The overlay's targets are JSONPaths into the bundle (one document, local `#/components`
 * references). Applying it runs a maintained Overlay applier (openapi-overlays-js) on the
 * bundle, action by action; what changed in the bundle is then written into the source
 * files the changed nodes come from, found by walking the bundle and the source side by
 * side. References in written content point to the source files again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { descriptionMismatches, mergeReports, readReport } from '@proseapi/conformance';
import { analyzeDrift, formatDrift } from '@proseapi/conformance/drift';
import { Observer } from '@proseapi/mock-engine/observe';
import { buildSpecModel } from '@proseapi/openapi-model';
import jsonpath from 'jsonpath';
import { applyOverlay } from 'openapi-overlays-js/src/overlay.js';
import YAML from 'yaml';
import { bundle } from './bundle.mjs';

/**
 * @typedef {{ file: string, segments: (string | number)[] }} Place
 * @typedef {{ file: string, pointer: string, change: 'set' | 'remove' }} Edit
 */

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {unknown} v @returns {v is { $ref: string }} */
function isRef(v) {
  return isObject(v) && typeof v.$ref === 'string';
}

/** @param {string} segment */
function escapeSegment(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** @param {readonly (string | number)[]} segments */
function pointerOf(segments) {
  return `#${segments.map((s) => `/${escapeSegment(String(s))}`).join('')}`;
}

/** @param {string} fragment */
function segmentsOf(fragment) {
  const path = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (path === '' || path === '/') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** @param {unknown} value @param {readonly (string | number)[]} segments */
function getIn(value, segments) {
  let current = value;
  for (const s of segments) {
    if (Array.isArray(current)) current = current[Number(s)];
    else if (isObject(current)) current = current[String(s)];
    else return undefined;
  }
  return current;
}

/**
 * Reads a JSON file, naming it when it is not JSON.
 * @param {string} file
 */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Merges reports and reads them against a bundle: the drift, its markdown and its overlay.
 * @param {string[]} files report files
 * @param {Record<string, unknown>} doc the bundled description
 * @param {{ overlayFile?: string }} [options]
 */
export function driftOf(files, doc, options = {}) {
  if (files.length === 0) throw new Error('spec:drift needs at least one report file');
  const reports = files.map((file) => readReport(readJson(file), file));
  const drift = analyzeDrift(mergeReports(reports), /** @type {any} */ (doc));
  const markdown = formatDrift(drift, {
    reports: reports.length,
    otherDescriptions: descriptionMismatches(reports),
    readAgainst: Observer.describe(buildSpecModel(/** @type {any} */ (doc))),
    ...(options.overlayFile ? { overlayFile: options.overlayFile } : {}),
  });
  return { drift, markdown, overlay: drift.overlay };
}

/**
 * Checks that a value is an Overlay 1.0 document, naming the source and the fault.
 * @param {unknown} value
 * @param {string} source
 * @returns {{ overlay: string, actions: Record<string, unknown>[] }}
 */
export function readOverlay(value, source) {
  const fail = (/** @type {string} */ why) => {
    throw new Error(`${source} is not an OpenAPI Overlay 1.0 document: ${why}`);
  };
  if (!isObject(value)) return fail('it is not an object');
  if (typeof value.overlay !== 'string' || !/^1\.0\.\d+$/.test(value.overlay)) {
    return fail('"overlay" is not 1.0.x');
  }
  if (!isObject(value.info)) return fail('"info" is missing');
  if (!Array.isArray(value.actions)) return fail('"actions" is not a list');
  value.actions.forEach((action, i) => {
    if (!isObject(action) || typeof action.target !== 'string') {
      fail(`action ${i + 1} has no "target"`);
    } else if (!('update' in action) && action.remove !== true) {
      fail(`action ${i + 1} (${action.target}) has neither "update" nor "remove: true"`);
    }
  });
  return /** @type {any} */ (value);
}

/**
 * The source place of every node of the bundle, by the bundle's JSON pointer: the bundle and
 * the source are walked side by side, the source's references followed into their files.
 * @param {unknown} bundled
 * @param {string} rootFile
 * @param {(file: string) => unknown} load
 */
export function sourceMap(bundled, rootFile, load) {
  /** @type {Map<string, Place>} */
  const map = new Map();
  const visited = new Set();
  /** @param {Place} place @param {string} ref */
  const follow = (place, ref) => {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const file = filePart ? resolve(dirname(place.file), filePart) : place.file;
    const segments = hash === -1 ? [] : segmentsOf(ref.slice(hash));
    return { place: { file, segments }, node: getIn(load(file), segments) };
  };
  /**
   * @param {unknown} node bundle node
   * @param {string} pointer its pointer
   * @param {Place} place source place
   * @param {unknown} source source node
   */
  const walk = (node, pointer, place, source) => {
    for (let hops = 0; isRef(source) && hops < 64; hops++) {
      if (isRef(node)) {
        // The bundle kept a reference: to the component the source file became.
        map.set(pointer, place);
        const target = follow(place, source.$ref);
        const component = node.$ref;
        if (component.startsWith('#') && !visited.has(component)) {
          visited.add(component);
          walk(getIn(bundled, segmentsOf(component)), component, target.place, target.node);
        }
        return;
      }
      const target = follow(place, source.$ref);
      place = target.place;
      source = target.node;
    }
    map.set(pointer, place);
    if (Array.isArray(node) && Array.isArray(source)) {
      node.forEach((item, i) => {
        walk(
          item,
          `${pointer}/${i}`,
          { file: place.file, segments: [...place.segments, i] },
          source[i],
        );
      });
    } else if (isObject(node) && isObject(source)) {
      for (const [key, item] of Object.entries(node)) {
        if (!(key in source)) continue;
        walk(
          item,
          `${pointer}/${escapeSegment(key)}`,
          { file: place.file, segments: [...place.segments, key] },
          source[key],
        );
      }
    }
  };
  walk(bundled, '#', { file: rootFile, segments: [] }, load(rootFile));
  return map;
}

/**
 * What differs between two documents: members added or changed, members removed; a changed
 * list is replaced whole.
 * @param {unknown} before
 * @param {unknown} after
 * @param {(string | number)[]} [at]
 * @param {{ segments: (string | number)[], value?: unknown, remove?: true }[]} [out]
 */
export function differences(before, after, at = [], out = []) {
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ segments: [...at, key], remove: true });
    }
    for (const [key, value] of Object.entries(after)) {
      if (key in before) differences(before[key], value, [...at, key], out);
      else out.push({ segments: [...at, key], value });
    }
    return out;
  }
  out.push({ segments: at, value: after });
  return out;
}

/**
 * Applies the actions one by one with the Overlay applier; an action that selects nothing
 * is an error that names it.
 * @param {unknown} doc
 * @param {{ actions: Record<string, unknown>[] }} overlay
 * @param {string} source
 */
export function applyToBundle(doc, overlay, source) {
  let current = structuredClone(doc);
  overlay.actions.forEach((action, i) => {
    const target = String(action.target);
    /** @type {unknown[]} */
    let selected;
    try {
      selected = jsonpath.query(current, target);
    } catch (error) {
      throw new Error(
        `${source}: action ${i + 1} has a target that is not JSONPath (${target}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (selected.length === 0) {
      throw new Error(`${source}: action ${i + 1} selects nothing in the description (${target})`);
    }
    if (action.remove === true) {
      current = applyOverlay(current, { actions: [action] });
      return;
    }
    const lists = selected.filter(Array.isArray);
    if (lists.length === selected.length) {
      // Overlay 1.0: an update of a list appends to it (the applier only merges into objects).
      for (const list of lists) list.push(structuredClone(action.update));
      return;
    }
    if (lists.length > 0 || !selected.every(isObject) || !isObject(action.update)) {
      throw new Error(
        `${source}: action ${i + 1} (${target}) updates ${lists.length > 0 ? 'lists and objects at once' : 'a value that is neither an object nor a list, or with an update that is not an object'}`,
      );
    }
    current = applyOverlay(current, { actions: [action] });
  });
  return current;
}

/**
 * The keys of a path in a YAML document as they are written there (`200:` is a number
 * key, `"200":` a string one); segments past the document's end stay as they are.
 * @param {import('yaml').Document} doc
 * @param {(string | number)[]} segments
 */
function yamlKeys(doc, segments) {
  /** @type {unknown} */
  let node = doc.contents;
  return segments.map((segment) => {
    if (YAML.isSeq(node)) {
      node = node.items[Number(segment)];
      return Number(segment);
    }
    if (YAML.isMap(node)) {
      const pair = node.items.find(
        (p) => String(YAML.isScalar(p.key) ? p.key.value : p.key) === String(segment),
      );
      if (pair) {
        node = pair.value;
        return YAML.isScalar(pair.key) ? /** @type {string | number} */ (pair.key.value) : segment;
      }
    }
    node = undefined;
    return segment;
  });
}

/**
 * Writes the bundle's `$ref`s in a value as references from `file` to the source files the
 * components came from.
 * @param {unknown} value
 * @param {string} file
 * @param {Map<string, Place>} map
 * @returns {unknown}
 */
function sourceRefs(value, file, map) {
  if (Array.isArray(value)) return value.map((v) => sourceRefs(v, file, map));
  if (!isObject(value)) return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === '$ref' && typeof member === 'string' && member.startsWith('#')) {
      const place = map.get(member);
      if (!place) throw new Error(`${member} has no source file to refer to from ${file}`);
      const fragment = place.segments.length > 0 ? pointerOf(place.segments) : '';
      const path = place.file === file ? '' : relative(dirname(file), place.file);
      out[key] = `${path}${fragment}` || '#';
    } else out[key] = sourceRefs(member, file, map);
  }
  return out;
}

/**
 * Applies an overlay to a description's source: the changed nodes are written into the files
 * they come from. Returns what was changed where.
 * @param {unknown} overlayValue
 * @param {{ root: string, source?: string }} options root: the description's root document
 */
export function applyToSource(overlayValue, options) {
  const source = options.source ?? 'The overlay';
  const overlay = readOverlay(overlayValue, source);
  const rootFile = resolve(options.root);
  if (!existsSync(rootFile)) throw new Error(`${rootFile} does not exist`);
  const before = readJson(bundle(rootFile));
  const after = applyToBundle(before, overlay, source);
  /** @type {Map<string, unknown>} */
  const parsed = new Map();
  const load = (/** @type {string} */ file) => {
    if (!parsed.has(file)) parsed.set(file, YAML.parse(readFileSync(file, 'utf8')));
    return parsed.get(file);
  };
  const map = sourceMap(before, rootFile, load);
  /** @type {Map<string, import('yaml').Document>} */
  const documents = new Map();
  /** @type {Edit[]} */
  const edits = [];
  for (const difference of differences(before, after)) {
    // The deepest node the bundle had on the way, and the rest of the way below it.
    let depth = difference.segments.length;
    let place;
    for (; depth >= 0; depth--) {
      place = map.get(pointerOf(difference.segments.slice(0, depth)));
      if (place) break;
    }
    if (!place) throw new Error(`No source file holds ${pointerOf(difference.segments)}`);
    const file = place.file;
    const segments = [...place.segments, ...difference.segments.slice(depth)];
    let doc = documents.get(file);
    if (!doc) {
      doc = YAML.parseDocument(readFileSync(file, 'utf8'));
      documents.set(file, doc);
    }
    const keys = yamlKeys(doc, segments);
    if (difference.remove) doc.deleteIn(keys);
    else {
      const node = doc.createNode(sourceRefs(difference.value, file, map));
      // A list or map written inline stays inline.
      const previous = doc.getIn(keys, true);
      if (YAML.isCollection(previous) && YAML.isCollection(node))
        node.flow = previous.flow ?? false;
      doc.setIn(keys, node);
    }
    edits.push({
      file,
      pointer: pointerOf(segments),
      change: difference.remove ? 'remove' : 'set',
    });
  }
  for (const [file, doc] of documents) {
    writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  }
  return { edits, actions: overlay.actions.length };
}
