import { apiRoot, basicAuthorization, callWithin, Redactor } from '@proseapi/client-kit';
import type { paths } from '@proseapi/csa-types';
import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import createOpenApiClient from 'openapi-fetch';
import {
  CsaError,
  CsaNetworkError,
  CsaNoValidRecipientError,
  type CsaOperation,
  CsaTimeoutError,
} from './errors.js';
import { description } from './schemas.generated.js';
import type {
  CallOptions,
  CsaClient,
  CsaClientOptions,
  ListOptions,
  Notification,
  NotificationList,
  NotificationPostResponse,
  NotificationRecipient,
  Person,
  RefusedRecipient,
  SendOptions,
  SendResult,
  UserLogin,
} from './types.js';

const XML = 'application/xml';

const OPERATIONS = {
  getUserIdentifier: { method: 'GET', path: '/login/{organization_name}/{user_name}/' },
  lookUpUserIdentifier: { method: 'GET', path: '/login/{organization_name}/userLookup' },
  sendNotification: { method: 'POST', path: '/notification/party' },
  sendNotificationToParty: { method: 'POST', path: '/notification/party/{party_id}' },
  listPartyNotifications: { method: 'GET', path: '/notification/party/{party_id}' },
} as const;
type OperationId = keyof typeof OPERATIONS;
const operation = (operationId: OperationId): CsaOperation => ({
  operationId,
  ...OPERATIONS[operationId],
});

type SchemaName = keyof typeof description.components.schemas;
const schema = (name: SchemaName): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The documented wording of the message about a recipient the server cannot use. */
export function invalidRecipientMessage(id: string): string {
  return `Please enter a valid value for the recipient user id = ${id}`;
}

function invalid(message: string): never {
  throw new TypeError(`createCsaClient: ${message}`);
}

type RawResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Creates a client for the notification calls of the CSA Legacy REST API: openapi-fetch typed by
 * `@proseapi/csa-types`, sending HTTP Basic credentials and the `userIdentifier`, writing and
 * reading the XML bodies as the typed objects the description describes.
 */
export function createCsaClient(options: CsaClientOptions): CsaClient {
  const {
    baseUrl,
    username,
    password,
    userIdentifier: configured,
    fetch: fetchImpl,
    timeoutMs = 30_000,
    xmlText = 'trim',
    headers,
  } = options ?? ({} as CsaClientOptions);
  const root = apiRoot(baseUrl);
  if (!root) invalid('`baseUrl` must be an http(s) URL such as https://csa-server:8444/csa/rest');
  if (typeof username !== 'string' || !username || username.includes(':')) {
    invalid('`username` must be the name of an integration account (no colon)');
  }
  if (typeof password !== 'string') invalid('`password` must be a string');
  if (!(typeof timeoutMs === 'number' && timeoutMs > 0)) invalid('`timeoutMs` must be above 0');
  if (
    configured !== undefined &&
    typeof configured !== 'string' &&
    !(typeof configured?.organization === 'string' && typeof configured?.user === 'string')
  ) {
    invalid('`userIdentifier` is an id or { organization, user }');
  }

  const authorization = basicAuthorization(username, password);
  // What a server or a runtime may echo of the credentials: the password, and the header's token.
  const secrets = new Redactor();
  secrets.add(password, authorization.slice('Basic '.length));
  const tidy = (response: Response) => secrets.response(response);

  const codec = new XmlCodec({ document: description, text: xmlText });
  const http = createOpenApiClient<paths>({
    baseUrl: root,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    headers: { ...headers, Accept: XML, Authorization: authorization },
  });

  /** One call: its timeout and signal, network failures, and error statuses as `CsaError`s. */
  async function call(
    op: CsaOperation,
    options: CallOptions | undefined,
    run: (signal: AbortSignal) => Promise<RawResult>,
    refuse: (status: number, body: unknown, response: Response) => CsaError = (
      status,
      body,
      response,
    ) => new CsaError({ operation: op, status, body, response }),
  ): Promise<{ text: string; response: Response }> {
    const limit = options?.timeoutMs ?? timeoutMs;
    const result = await callWithin({ signal: options?.signal, timeoutMs: limit }, run, {
      timeout: (ms) => new CsaTimeoutError(op, ms),
      network: (cause) => new CsaNetworkError(op, cause),
    });
    const { response } = result;
    if (!response.ok) throw refuse(response.status, result.error, tidy(response));
    return { text: typeof result.data === 'string' ? result.data : '', response };
  }

  /** An answer's XML as the value of one of the description's models. */
  function decode<T>(op: CsaOperation, name: SchemaName, text: string, response: Response): T {
    try {
      return codec.decode(text, schema(name)) as T;
    } catch (cause) {
      throw new CsaError({
        operation: op,
        status: response.status,
        body: text,
        response: tidy(response),
        message: `the answer is not the XML document ${name} of the description: ${(cause as Error).message}`,
        cause,
      });
    }
  }

  async function lookUp(
    operationId: 'getUserIdentifier' | 'lookUpUserIdentifier',
    organization: string,
    user: string,
    options: CallOptions | undefined,
  ): Promise<{ person: Person; response: Response }> {
    const op = operation(operationId);
    const { text, response } = await call(op, options, (signal) =>
      operationId === 'getUserIdentifier'
        ? http.GET('/login/{organization_name}/{user_name}/', {
            params: { path: { organization_name: organization, user_name: user } },
            parseAs: 'text',
            signal,
          })
        : http.GET('/login/{organization_name}/userLookup', {
            params: { path: { organization_name: organization }, query: { userName: user } },
            parseAs: 'text',
            signal,
          }),
    );
    return { person: decode<Person>(op, 'Person', text, response), response };
  }

  const resolved = new Map<string, Promise<string>>();
  function resolveUserIdentifier(organization: string, user: string, options?: CallOptions) {
    const key = `${organization}\n${user}`;
    let found = resolved.get(key);
    if (!found) {
      // A name with a slash or a backslash cannot travel as a path segment.
      const operationId = /[\\/]/.test(user) ? 'lookUpUserIdentifier' : 'getUserIdentifier';
      found = lookUp(operationId, organization, user, options).then(({ person, response }) => {
        if (typeof person.id === 'string' && person.id.trim()) return person.id.trim();
        throw new CsaError({
          operation: operation(operationId),
          status: response.status,
          body: person,
          response: tidy(response),
          message: 'the <person> of the answer has no <id>',
        });
      });
      resolved.set(key, found);
      // A failed look-up is tried again next time.
      found.catch(() => resolved.delete(key));
    }
    return found;
  }

  function userIdentifier(options?: CallOptions & { userIdentifier?: string }): Promise<string> {
    if (options?.userIdentifier !== undefined) return Promise.resolve(options.userIdentifier);
    if (typeof configured === 'string') return Promise.resolve(configured);
    if (configured === undefined) {
      return Promise.reject(
        new TypeError(
          'no userIdentifier: give createCsaClient a userIdentifier (an id or { organization, user }), or give one to the call',
        ),
      );
    }
    const login: UserLogin = configured;
    return resolveUserIdentifier(login.organization, login.user, options);
  }

  /** Which of the request's recipients each message is about, where it is in the documented wording. */
  function refused(messages: string[], recipients: NotificationRecipient[]): RefusedRecipient[] {
    return messages.map((message) => ({
      message,
      recipient: recipients.find((r) => invalidRecipientMessage(r.id) === message),
    }));
  }

  async function sendNotification(
    notification: Notification,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const identity = await userIdentifier(options);
    const { partyId } = options;
    const op = operation(partyId === undefined ? 'sendNotification' : 'sendNotificationToParty');
    let xml: string;
    try {
      xml = codec.encode(notification, schema('Notification'), { standalone: true });
    } catch (cause) {
      throw new TypeError(
        `The notification cannot be written as XML: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
    const init = {
      body: notification,
      bodySerializer: () => xml,
      headers: { 'Content-Type': XML },
      parseAs: 'text' as const,
    };
    const readAnswer = (text: string) => {
      try {
        return codec.decode(text, schema('NotificationPostResponse')) as NotificationPostResponse;
      } catch {
        return undefined;
      }
    };
    const { text, response } = await call(
      op,
      options,
      (signal) =>
        partyId === undefined
          ? http.POST('/notification/party', {
              ...init,
              params: { query: { userIdentifier: identity } },
              signal,
            })
          : http.POST('/notification/party/{party_id}', {
              ...init,
              params: { path: { party_id: partyId }, query: { userIdentifier: identity } },
              signal,
            }),
      (status, body, answered) =>
        status >= 400 && status < 500 && ![401, 403, 409].includes(status)
          ? new CsaNoValidRecipientError({
              operation: op,
              status,
              body,
              response: answered,
              answer: typeof body === 'string' ? readAnswer(body) : undefined,
            })
          : new CsaError({ operation: op, status, body, response: answered }),
    );
    const answer = decode<NotificationPostResponse>(op, 'NotificationPostResponse', text, response);
    const notifications = answer.notification ?? [];
    const count = answer.count ?? notifications.length;
    if (count === 0) {
      throw new CsaNoValidRecipientError({
        operation: op,
        status: response.status,
        body: text,
        response: tidy(response),
        answer,
      });
    }
    const errorMessages = answer.errorMessage ?? [];
    return {
      count,
      notifications,
      errorMessages,
      refused: refused(errorMessages, notification.recipient ?? []),
      answer,
    };
  }

  async function listPartyNotifications(partyId: string, options: ListOptions = {}) {
    const identity = await userIdentifier(options);
    const op = operation('listPartyNotifications');
    const query: { userIdentifier: string; maxResults?: number } = { userIdentifier: identity };
    if (options.maxResults !== undefined) query.maxResults = options.maxResults;
    const { text, response } = await call(op, options, (signal) =>
      http.GET('/notification/party/{party_id}', {
        params: { path: { party_id: partyId }, query },
        parseAs: 'text',
        signal,
      }),
    );
    return decode<NotificationList>(op, 'NotificationList', text, response).notification ?? [];
  }

  // Whatever a call throws has the credentials taken out on its way out.
  return {
    getUserIdentifier: secrets.guard(
      async (organization: string, user: string, options?: CallOptions) =>
        (await lookUp('getUserIdentifier', organization, user, options)).person,
    ),
    lookUpUserIdentifier: secrets.guard(
      async (organization: string, userName: string, options?: CallOptions) =>
        (await lookUp('lookUpUserIdentifier', organization, userName, options)).person,
    ),
    resolveUserIdentifier: secrets.guard(resolveUserIdentifier),
    userIdentifier: secrets.guard((options?: CallOptions) => userIdentifier(options)),
    sendNotification: secrets.guard(sendNotification),
    listPartyNotifications: secrets.guard(listPartyNotifications),
  };
}
