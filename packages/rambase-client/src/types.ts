import type { components, operations } from '@proseapi/rambase-types';
import type { ExpandPath } from './expand.js';
import type { Format } from './forms.js';
import type { RamBaseAuth } from './tokens.js';

type Schemas = components['schemas'];

/** A supplier invoice's notification, as both forms carry it. */
export type Notification = Schemas['Notification'];
/** What a new notification takes (`notificationType.notificationTypeId` at least). */
export type NotificationInput = Schemas['NotificationInput'];
/** Paging links of a list. */
export type Paging = Schemas['Paging'];

type GetQuery = NonNullable<operations['getSupplierInvoiceNotification']['parameters']['query']>;
type ListQuery = NonNullable<operations['listSupplierInvoiceNotifications']['parameters']['query']>;
/** What the client sets itself: the token, the form, `$expand` and `$select`. */
type Managed = '$access_token' | '$format' | '$expand' | '$select';

export interface RamBaseClientOptions {
  /** The API's base URL (default `https://api.rambase.net`). */
  baseUrl?: string;
  /** How to get access tokens: a grant of the token endpoint, or a token. */
  auth: RamBaseAuth;
  /** The form of bodies, `json` (default) or `xml`; each call may choose its own. */
  format?: Format;
  /** The `fetch` to use (default: the global one); a mock's, say. */
  fetch?: typeof fetch;
  /** Milliseconds a call may take (default 30 000). */
  timeoutMs?: number;
  /** Headers sent with every call (never `Authorization`: the token sets it). */
  headers?: Record<string, string>;
  /** The clock tokens expire by, in milliseconds (default `Date.now`). */
  now?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds this call may take (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** The form of this call's bodies. */
  format?: Format;
}

/** `$expand` paths: the description's, suggested; any other string is accepted as the API does. */
export type ExpandOption<E extends string> = readonly (E | ExpandPath)[];

export interface GetOptions<E extends string = never> extends CallOptions {
  /** Expandable fields to add (`CreatedBy.Name`); the others are absent, in the type too. */
  expand?: ExpandOption<E>;
  /** Fields to keep, named as the XML elements (`NotificationId`, `CreatedBy`). */
  select?: readonly string[];
  /** More of the operation's query: `$lang`, `$db`, `$showDomainDescriptions`, `$useMinimumVersion`. */
  query?: Omit<GetQuery, Managed>;
}

export interface ListOptions<E extends string = never> extends GetOptions<E> {
  /** More of the list's query: `regardingItemId`, `$top`, `$skip`, `$filter`, `$orderby`, … */
  query?: Omit<ListQuery, Managed>;
}
