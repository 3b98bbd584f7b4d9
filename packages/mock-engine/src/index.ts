export type {
  CreateMock,
  MockControls,
  MockEntries,
  MockServerOptions,
  ServedSettings,
} from './adapters/entries.js';
export type { RunningServer } from './adapters/server.js';
export {
  fetchFor,
  type MockHandler,
  toRawRequest,
  toResponse,
  webHandler,
} from './adapters/web.js';
export { descriptionErrors, genericDialect, genericWorld } from './dialects/generic/index.js';
export type { AdminControls } from './engine/admin.js';
export type { Credential } from './engine/auth.js';
export { type BodyInput, type BodyReading, Checker, type Refusal } from './engine/check.js';
export {
  BUILT_IN_CODECS,
  type CodecContext,
  Codecs,
  formCodec,
  jsonCodec,
  type MediaCodec,
  multipartCodec,
  textCodec,
} from './engine/codecs.js';
export { conform, fillValue } from './engine/conform.js';
export type {
  AuthenticateContext,
  AuthorizeContext,
  CallRequest,
  Dialect,
  DialectAnswer,
  Media,
  PresentContext,
  Principal,
  ReceiveContext,
  RequestSource,
  RespondContext,
} from './engine/dialect.js';
export {
  Engine,
  type EngineOptions,
  type FaultOptions,
  type LatencyRange,
} from './engine/engine.js';
export { type Preference, parsePrefer } from './engine/prefer.js';
export {
  bodyProblems,
  DEFAULT_TITLES,
  type ErrorContext,
  type ErrorFormat,
  type Problem,
  paramProblems,
  type Titles,
} from './engine/problems.js';
export { type RecordedAnswers, recordedAnswers } from './engine/recorded.js';
export {
  MockNetworkError,
  type RawHandler,
  type RawRequest,
  type RawResponse,
} from './engine/request.js';
export { type RouteMatch, Router } from './engine/router.js';
export {
  bodyKey,
  collectSchemas,
  type ErrorObject,
  hashSpec,
  paramsKey,
  paramsSchema,
  type ResourceSchemaOf,
  resourceKey,
  responseKey,
  type ValidateFn,
  type Validators,
} from './engine/validation.js';
export type { Outcome, World, WorldRequest } from './engine/world.js';
export {
  type CommonMockOptions,
  createMock,
  DEFAULT_BODY_LIMIT,
  loadFixtures,
  type Mock,
  type MockSettings,
  type MockState,
  type OwnWorld,
  type PrecompiledValidators,
  selectValidators,
  type WorldFactory,
} from './mock.js';
export type { ActionRule } from './state/actions.js';
export type { ReadContext, ReadHook } from './state/context.js';
export {
  allFilterings,
  type Condition,
  deepObjectFiltering,
  type Filtering,
  fieldFiltering,
} from './state/filters.js';
export type { Collection, Envelope } from './state/model.js';
export {
  type DeepObjectPagingOptions,
  deepObjectPaging,
  firstPaging,
  type QueryPagingOptions,
  queryPaging,
} from './state/paging.js';
export type { Timestamps } from './state/records.js';
export type { Page, Paging } from './state/render.js';
export { plainJson, type RecordLocation, type Representation } from './state/representation.js';
export type { WorldWriter } from './state/seed.js';
export {
  type PreparedStart,
  prepareStart,
  type SeedAt,
  type StampPlace,
  startTables,
} from './state/start.js';
export {
  normalizeTemplate,
  Store,
  type StoredRecord,
  type StoredTables,
  Table,
} from './state/store.js';
export { StatefulWorld, type WorldDialect, type WorldOptions } from './state/world.js';
