// @ts-check
/**
 * The four edits of the description that the breaking-change gate once let through: each is
 * a break for clients. Tests make them in a copy of the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const SPEC = 'spec/activeplatform';

/**
 * Edits one YAML file of the description in place, keeping its layout.
 * @param {string} dir repository
 * @param {string} file relative to the description's folder
 * @param {(doc: import('yaml').Document) => void} edit
 */
function editYaml(dir, file, edit) {
  const path = join(dir, SPEC, file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
}

/**
 * Stops with a message when the description no longer has the shape an edit expects.
 * @param {unknown} ok
 * @param {string} message
 */
function must(ok, message) {
  if (!ok) throw new Error(`The description changed shape: ${message}.`);
}

/** @param {unknown} node */
function seq(node) {
  if (!node || typeof node !== 'object' || !('items' in node) || !Array.isArray(node.items)) {
    throw new Error('expected a YAML list');
  }
  return /** @type {import('yaml').YAMLSeq} */ (node);
}

const ATTRIBUTES = ['properties', 'data', 'properties', 'attributes'];

/** The four edits of the issue, each a break for clients. */
export const EDITS = [
  {
    name: 'removing DELETE of a note',
    words: 'DELETE …/notes/{note_id} was removed',
    file: `${SPEC}/resources/notes/note.yaml`,
    /** @param {string} dir */
    apply: (dir) =>
      editYaml(dir, 'resources/notes/note.yaml', (doc) => {
        must(doc.hasIn(['delete']), 'note.yaml has no DELETE');
        doc.deleteIn(['delete']);
      }),
  },
  {
    name: 'removing `name` from AccountAttributes',
    words: /member `data(\[\])?\.attributes\.name` was removed/,
    file: `${SPEC}/resources/accounts/schemas/AccountAttributes.yaml`,
    /** @param {string} dir */
    apply: (dir) =>
      editYaml(dir, 'resources/accounts/schemas/AccountAttributes.yaml', (doc) => {
        const required = seq(doc.getIn(['required']));
        required.items = required.items.filter((i) => String(i) !== 'name');
        must(doc.deleteIn(['properties', 'name']), 'AccountAttributes has no name');
      }),
  },
  {
    name: 'making `primary_name` required in AccountCreateRequest',
    words: 'now requires `primary_name`',
    file: `${SPEC}/resources/accounts/schemas/AccountCreateRequest.yaml`,
    /** @param {string} dir */
    apply: (dir) =>
      editYaml(dir, 'resources/accounts/schemas/AccountCreateRequest.yaml', (doc) => {
        must(doc.hasIn([...ATTRIBUTES, 'properties', 'primary_name']), 'no primary_name');
        seq(doc.getIn([...ATTRIBUTES, 'required'])).add('primary_name');
      }),
  },
  {
    name: 'turning `account_type_id` from integer into string',
    words: 'member `data.attributes.account_type_id` changed `type` from `integer` to `string`',
    file: `${SPEC}/resources/accounts/schemas/AccountCreateRequest.yaml`,
    /** @param {string} dir */
    apply: (dir) =>
      editYaml(dir, 'resources/accounts/schemas/AccountCreateRequest.yaml', (doc) => {
        const type = [...ATTRIBUTES, 'properties', 'account_type_id', 'type'];
        must(doc.getIn(type) === 'integer', 'account_type_id is no integer');
        doc.setIn(type, 'string');
      }),
  },
];
