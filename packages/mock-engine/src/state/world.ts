/**
 * A stateful world over a store: each request resolves its target (the records its
 * path names must exist), changes it (create, update, delete, or a dialect's action),
 * and renders it as the operation's answer.
 */
import type { JsonObject, OperationModel, SpecModel } from '@proseapi/openapi-model';
import type { Validators } from '../engine/validation.js';
import type { Outcome, World, WorldRequest } from '../engine/world.js';
import { type ActionRule, runAction } from './actions.js';
import { type ReadHook, WorldParts } from './context.js';
import { crud } from './crud.js';
import type { Filtering } from './filters.js';
import { StateModel } from './model.js';
import { Records, type Timestamps } from './records.js';
import { type Paging, Renderer } from './render.js';
import { plainJson, type Representation } from './representation.js';
import { seedFromExamples, type WorldWriter, worldWriter } from './seed.js';
import { normalizeTemplate, type Store } from './store.js';

/** What a dialect tells the world about its API. */
export interface WorldDialect {
  /** How resources are laid out (default: plain JSON). */
  representation?: Representation;
  /** How a list asks for a page (default: lists are not paged). */
  paging?: Paging;
  /** How a list asks for matching records (default: no filters). */
  filtering?: Filtering;
  /** Actions beyond create/read/update/delete. */
  rules?: readonly ActionRule[];
  /** Collections kept beyond those the description reaches (path templates). */
  collections?: readonly string[];
  /** Changes made to records as they are read. */
  onRead?: readonly ReadHook[];
  /** Fields stamped with the time of creation and of the last change. */
  timestamps?: Timestamps;
  /**
   * Fills a fresh world with the dialect's own records (before the examples' ones). A
   * stateless mock is seeded too, with `stateful: false`, for the records that say who may
   * call (credentials) even when no answer comes from the world.
   */
  seed?(world: WorldWriter, context: { stateful: boolean }): void;
}

export interface WorldOptions extends WorldDialect {
  spec: SpecModel;
  validators: Validators;
  store: Store;
  now: () => Date;
}

export class StatefulWorld implements World {
  readonly parts: WorldParts;
  readonly representation: Representation;
  private readonly rules = new Map<string, ActionRule>();

  constructor(private readonly options: WorldOptions) {
    const representation = options.representation ?? plainJson;
    this.representation = representation;
    const doc: JsonObject = options.spec.doc;
    const model = new StateModel(options.spec, representation);
    const records = new Records({
      doc,
      representation,
      validators: options.validators,
      store: options.store,
      now: options.now,
      timestamps: options.timestamps ?? {},
    });
    this.parts = new WorldParts({
      doc,
      model,
      store: options.store,
      records,
      renderer: new Renderer(doc, representation, options.validators, options.paging),
      representation,
      filtering: options.filtering,
      onRead: options.onRead ?? [],
      now: options.now,
      collections: options.collections ?? [],
    });
    for (const op of options.spec.operations) {
      const normalized = normalizeTemplate(op.path);
      const rule = options.rules?.find(
        (r) => r.method === op.method && normalized.endsWith(r.path),
      );
      if (rule) this.rules.set(op.key, rule);
    }
  }

  /** The action rule that applies to an operation, if any. */
  ruleFor(op: OperationModel): ActionRule | undefined {
    return this.rules.get(op.key);
  }

  /** Fills the (cleared) store: the dialect's records, then (stateful) the examples' ones. */
  seed(stateful: boolean): void {
    this.options.seed?.(worldWriter(this.parts), { stateful });
    if (stateful) seedFromExamples(this.parts, (op) => this.ruleFor(op));
  }

  revision(): number {
    return this.parts.store.revision;
  }

  handle(request: WorldRequest): Outcome {
    const { op } = request;
    const rule = this.rules.get(op.key);
    const { model } = this.parts;
    // Resolve: every resource the path names exists (an action's own target is found later).
    const skipLast =
      rule !== undefined &&
      (rule.create !== undefined || (rule.target !== undefined && rule.target.kind !== 'item'));
    if (!this.parts.ancestorsExist(op, request.rawPath, skipLast)) return { type: 'not-found' };
    const envelope = model.envelope(op);
    // Change and render.
    if (rule) return runAction(this.parts, request, rule, envelope);
    const behaviour = model.behaviour(op);
    if (behaviour.kind === 'none') return { type: 'document' };
    return crud(this.parts, request, behaviour, envelope);
  }
}
