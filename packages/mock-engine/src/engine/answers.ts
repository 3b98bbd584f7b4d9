/**
 * Answers taken from the description: the example of a response, or a value generated
 * from its schema that its validator accepts. `Prefer` picks another response, example
 * or random data, as Prism reads it.
 */
import {
  findResponse,
  type MediaModel,
  mediaTypeMatches,
  type OperationModel,
  type SpecModel,
  successStatus,
} from '@proseapi/openapi-model';
import { generateValue } from '@proseapi/openapi-model/generate';
import type { Checker } from './check.js';
import type { Preference } from './prefer.js';

export type DocumentAnswer =
  | { status: number; mediaType: string | undefined; value: unknown }
  /** `Prefer` asked for a status or an example the description does not have. */
  | { unknown: 'status'; status: number }
  | { unknown: 'example'; status: number; name: string };

function chooseMedia(content: MediaModel[], accept: string | undefined): MediaModel | undefined {
  if (content.length === 0) return undefined;
  if (accept) {
    for (const part of accept.split(',')) {
      const wanted = (part.split(';')[0] ?? '').trim().toLowerCase();
      if (!wanted || wanted === '*/*') continue;
      const found = content.find(
        (m) => mediaTypeMatches(wanted, m.mediaType) || mediaTypeMatches(m.mediaType, wanted),
      );
      if (found) return found;
    }
  }
  return content[0];
}

export class DocumentAnswers {
  constructor(
    private readonly spec: SpecModel,
    private readonly checker: Checker,
    private readonly random: () => number,
  ) {}

  /** A value for a response schema that its validator accepts (a few seeds are tried). */
  private generated(
    op: OperationModel,
    declared: string,
    media: MediaModel,
    dynamic: boolean,
  ): unknown {
    let value: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      const seed = dynamic ? Math.floor(this.random() * 2 ** 31) : attempt;
      value = generateValue(media.schema, { doc: this.spec.doc, seed, dynamic });
      if (this.checker.answer(op, declared, media.mediaType, value).length === 0) return value;
    }
    return value;
  }

  /** The answer of an operation: the preferred one, else its success with its first example. */
  answer(
    op: OperationModel,
    preference: Preference | undefined,
    accept: string | undefined,
  ): DocumentAnswer {
    let status = preference?.code ?? successStatus(op);
    if (preference?.example && preference.code === undefined) {
      const holder = op.responses.find((r) =>
        r.content.some((m) => m.examples.some((e) => e.name === preference.example)),
      );
      if (holder && /^[0-9]{3}$/.test(holder.status)) status = Number(holder.status);
    }
    const response = findResponse(op, status);
    if (!response) return { unknown: 'status', status };
    const media = chooseMedia(response.content, accept);
    if (!media) return { status, mediaType: undefined, value: undefined };
    if (preference?.example) {
      const example = media.examples.find((e) => e.name === preference.example);
      if (!example) return { unknown: 'example', status, name: preference.example };
      return { status, mediaType: media.mediaType, value: example.value };
    }
    const first = media.examples[0];
    const value =
      first && !preference?.dynamic
        ? first.value
        : this.generated(op, response.status, media, preference?.dynamic === true);
    return { status, mediaType: media.mediaType, value };
  }
}
