import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(
  new URL('../../../tools/reference/rambase/operations.json', import.meta.url),
);

/** One field of the documentation's field tree: a leaf with a type, or a group. */
export interface ReferenceField {
  xmlName: string;
  jsonName: string;
  type: string;
  jsonForm?: 'object' | 'array';
  occursMany: boolean;
  expandable: boolean;
  expandPath?: string;
  children?: ReferenceField[];
}

export interface ReferenceParameter {
  name: string;
  in: 'path' | 'query';
  type: string;
  required: boolean;
  constraints: string | null;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  successStatus: number;
  parameters: ReferenceParameter[];
  responseBody: ReferenceField;
  expandPaths: string[];
  examples: { xmlTemplate: string; jsonTemplate: string };
  errorCodes_exact_from_seed: string[];
}

export interface ReferenceSibling {
  method: string;
  path: string;
  successStatus: number;
  requestBody?: {
    xmlRoot: string;
    jsonRoot: string;
    fields: Array<{ path: string; type: string; required: boolean; constraints?: string }>;
  };
}

export interface Reference {
  operations: ReferenceOperation[];
  siblings_confirmed_for_supplier_invoice: ReferenceSibling[];
  siblings_NOT_found_for_supplier_invoice_but_pattern_confirmed_elsewhere: Array<{
    pattern: string;
    confirmedFor: string[];
  }>;
}

export function loadReference(): Reference {
  return JSON.parse(readFileSync(file, 'utf8')) as Reference;
}

/** Every leaf of a field tree with the XML names and JSON keys that lead to it. */
export function leaves(
  field: ReferenceField,
  xmlPath: string[] = [],
  jsonPath: string[] = [],
): Array<{ field: ReferenceField; xmlPath: string[]; jsonPath: string[] }> {
  if (!field.children) return [{ field, xmlPath, jsonPath }];
  return field.children.flatMap((child) =>
    leaves(child, [...xmlPath, child.xmlName], [...jsonPath, child.jsonName]),
  );
}
