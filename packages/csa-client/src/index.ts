export { createCsaClient, invalidRecipientMessage } from './client.js';
export {
  CsaError,
  CsaNetworkError,
  CsaNoValidRecipientError,
  type CsaOperation,
  CsaTimeoutError,
} from './errors.js';
export type {
  CallOptions,
  CsaClient,
  CsaClientOptions,
  ListOptions,
  Notification,
  NotificationCallOptions,
  NotificationList,
  NotificationPostResponse,
  NotificationRecipient,
  NotificationRecord,
  NotificationToken,
  Person,
  RefusedRecipient,
  SendOptions,
  SendResult,
  UserLogin,
} from './types.js';
