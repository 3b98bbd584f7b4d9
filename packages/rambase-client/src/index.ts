export { createRamBaseClient, type RamBaseClient } from './client.js';
export {
  type LoginError,
  RamBaseAuthError,
  RamBaseError,
  type RamBaseErrorBody,
  RamBaseNetworkError,
  type RamBaseOperation,
  RamBaseTimeoutError,
} from './errors.js';
export type { Expanded, ExpandPath } from './expand.js';
export type { Format } from './forms.js';
export type { RamBaseAuth } from './tokens.js';
export type {
  CallOptions,
  ExpandOption,
  GetOptions,
  ListOptions,
  Notification,
  NotificationInput,
  Paging,
  RamBaseClientOptions,
} from './types.js';
