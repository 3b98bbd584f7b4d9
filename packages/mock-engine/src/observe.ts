/**
 * Judging real traffic against a description: the observer (both directions, with the
 * engine's checker), and a conformance set-up from plain settings for recorders and proxies.
 */
import { type Finding, Recording, Redactor } from '@proseapi/conformance';
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import type { MediaCodec } from './engine/codecs.js';
import { type PrecompiledValidators, selectValidators } from './mock.js';
import { Observer } from './observe/observer.js';

export { type Exchange, Observer, type ObserverOptions, TEXT_MEMBERS } from './observe/observer.js';

export interface ConformanceSettings {
  /** The bundled description the traffic is judged against. */
  spec: JsonObject;
  /** Validators a build compiled from this very description; else Ajv compiles them on first use. */
  precompiled?: PrecompiledValidators | undefined;
  /** What records: `recorder`, `proxy` … */
  recordedBy: string;
  /** Values never to be written anywhere (tokens, passwords); credentials the traffic carries are learnt too. */
  secrets?: Iterable<string | undefined> | undefined;
  /** Keep redacted answers as fixtures for a mock. */
  fixtures?: boolean | undefined;
  /** Media codecs beyond JSON, forms and text. */
  codecs?: MediaCodec[] | undefined;
  now?: (() => Date) | undefined;
  /** Told of each mismatch the first time it is seen. */
  onFinding?: ((finding: Finding) => void) | undefined;
}

export interface Conformance {
  observer: Observer;
  recording: Recording;
  redactor: Redactor;
}

/** An observer, its recording and its redactor, from plain settings. */
export function createConformance(settings: ConformanceSettings): Conformance {
  const spec = buildSpecModel(settings.spec);
  const validators = selectValidators(spec, settings.precompiled, () => undefined);
  const recording = new Recording({
    recordedBy: settings.recordedBy,
    description: Observer.describe(spec),
    fixtures: settings.fixtures === true,
    ...(settings.now ? { now: settings.now } : {}),
    ...(settings.onFinding ? { onFinding: settings.onFinding } : {}),
  });
  const redactor = new Redactor({ secrets: settings.secrets ?? [] });
  const observer = new Observer({
    spec,
    validators,
    recording,
    redactor,
    ...(settings.codecs ? { codecs: settings.codecs } : {}),
  });
  return { observer, recording, redactor };
}
