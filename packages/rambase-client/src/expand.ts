/**
 * `$expand` in the types: the paths the description marks, and a model with the expandable
 * fields a call did not ask for taken out, as the API leaves them out.
 */
import type { expandable } from './description.generated.js';

type Expandable = (typeof expandable)[number];

/** A path the description marks as expandable, such as `CreatedBy.Name`. */
export type ExpandPath = Expandable['path'];

/** The JSON path (`createdBy.name`) of the field an expand path adds. */
type FieldOf<P> = Extract<Expandable, { path: P }>['field'];

/** The rest of each dotted path in `P` that starts with `K`. */
type Below<P extends string, K extends string> = P extends `${K}.${infer R}` ? R : never;

/** `T` without the members at the dotted paths `P` (each absent, as an unexpanded field is). */
export type WithoutPaths<T, P extends string> = [P] extends [never]
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? {
          [K in keyof T as K extends P ? never : K]: K extends string
            ? WithoutPaths<T[K], Below<P, K>>
            : T[K];
        }
      : T;

/**
 * The model as a call with `$expand=E` gets it: the expandable fields not in `E` are absent.
 * A path the description does not mark (any string is accepted) changes nothing in the type;
 * the API matches paths without regard to case, the types only as written.
 */
export type Expanded<T, E extends string = never> = WithoutPaths<
  T,
  FieldOf<Exclude<ExpandPath, E>>
>;
