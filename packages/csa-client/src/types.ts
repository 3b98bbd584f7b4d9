import type { components } from '@proseapi/csa-types';

type Schemas = components['schemas'];

/** A notification to send: subject, content body, recipients and the tokens of its placeholders. */
export type Notification = Schemas['Notification'];
/** A person or an organization, by id. */
export type NotificationRecipient = Schemas['NotificationRecipient'];
/** A value for the placeholder `{tokenSequence}` of the content body. */
export type NotificationToken = Schemas['NotificationToken'];
/** A notification as the server keeps it (the element names as the server spells them). */
export type NotificationRecord = Schemas['NotificationRecord'];
/** The answer to a send. */
export type NotificationPostResponse = Schemas['NotificationPostResponse'];
/** A party's notifications. */
export type NotificationList = Schemas['NotificationList'];
/** The user a login look-up finds; its `id` is the `userIdentifier`. */
export type Person = Schemas['Person'];

/** Where a look-up of the `userIdentifier` starts: an organization and a login name in it. */
export interface UserLogin {
  organization: string;
  user: string;
}

export interface CsaClientOptions {
  /** The Legacy REST API's base URL, `https://csa-server:8444/csa/rest`. */
  baseUrl: string;
  /** The integration account (HTTP Basic), by default `csaTransportUser` on an installation. */
  username: string;
  password: string;
  /**
   * The CSA user the notification calls run as: its id, or the login to look it up with
   * (once, on the first call that needs it; the answer is kept).
   */
  userIdentifier?: string | UserLogin;
  /** The `fetch` to use (default: the global one); a mock's, say. */
  fetch?: typeof fetch;
  /** Milliseconds a call may take (default 30 000). */
  timeoutMs?: number;
  /**
   * Text read from XML: `'trim'` (default) drops the line breaks and indentation the server
   * may put around values (the documentation's answers have them); `'preserve'` keeps them.
   */
  xmlText?: 'trim' | 'preserve';
  /** Headers sent with every call (never `Authorization`: the credentials set it). */
  headers?: Record<string, string>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds this call may take (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

export interface NotificationCallOptions extends CallOptions {
  /** The CSA user this call runs as, instead of the client's. */
  userIdentifier?: string;
}

export interface SendOptions extends NotificationCallOptions {
  /**
   * Post to `/notification/party/{partyId}`, the URI the documentation's detail table gives,
   * instead of `/notification/party`, the URI of its worked example. No page says what the
   * segment selects.
   */
  partyId?: string;
}

export interface ListOptions extends NotificationCallOptions {
  /** The newest `maxResults` notifications only. */
  maxResults?: number;
}

/** A recipient the server refused, with its message. */
export interface RefusedRecipient {
  message: string;
  /** The recipient of the request the message names, when it is in the documented wording. */
  recipient: NotificationRecipient | undefined;
}

/**
 * What a send did. The server notifies every valid recipient and answers 200 as long as one
 * is valid: `errorMessages` (and `refused`) say which were not.
 */
export interface SendResult {
  /** How many notifications were created. */
  count: number;
  /** The notifications created, one per recipient reached. */
  notifications: NotificationRecord[];
  /** One message per recipient that could not be used. */
  errorMessages: string[];
  refused: RefusedRecipient[];
  /** The answer as the server sent it. */
  answer: NotificationPostResponse;
}

export interface CsaClient {
  /** `GET /login/{organization}/{user}/`: the user, whose `id` is its `userIdentifier`. */
  getUserIdentifier(organization: string, user: string, options?: CallOptions): Promise<Person>;
  /** `GET /login/{organization}/userLookup?userName=…`: the same for a name with a slash or a backslash. */
  lookUpUserIdentifier(
    organization: string,
    userName: string,
    options?: CallOptions,
  ): Promise<Person>;
  /**
   * The `userIdentifier` of a login, by the look-up its name needs; kept, so each login is
   * looked up once.
   */
  resolveUserIdentifier(organization: string, user: string, options?: CallOptions): Promise<string>;
  /** The `userIdentifier` the client's calls run as (looked up on first use when given as a login). */
  userIdentifier(options?: CallOptions): Promise<string>;
  /** Sends a notification; see `SendResult` for partial success and `CsaNoValidRecipientError`. */
  sendNotification(notification: Notification, options?: SendOptions): Promise<SendResult>;
  /** A party's notifications, newest first. */
  listPartyNotifications(partyId: string, options?: ListOptions): Promise<NotificationRecord[]>;
}
