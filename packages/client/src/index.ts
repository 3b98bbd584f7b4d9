export {
  type AsyncTaskDocument,
  type AsyncTaskStatus,
  type PollAsyncTaskOptions,
  pollAsyncTask,
} from './async-task.js';
export { createClient } from './client.js';
export {
  DATA_URI_TYPES,
  type DataUriInput,
  type DataUriOptions,
  toDataUri,
} from './data-uri.js';
export {
  ActivePlatformError,
  type ActivePlatformLimit,
  ActivePlatformLimitError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
  type ApiErrorObject,
  type ErrorOperation,
  isActivePlatformError,
} from './errors.js';
export { type ListItem, type ListPath, type PaginateOptions, paginate } from './paginate.js';
export { serializeQuery } from './serialize.js';
export type {
  ActivePlatformClient,
  ActivePlatformThrowingClient,
  AnyActivePlatformClient,
  ApiMediaType,
  CallOptions,
  ClientOptions,
  ErrorBodyOf,
  ErrorStatusOf,
  OperationOf,
  RetryOptions,
  SuccessResult,
  ThrowingClientMethod,
  ThrowingResult,
} from './types.js';
