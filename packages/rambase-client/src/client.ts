import { apiRoot, callWithin, Redactor } from '@proseapi/client-kit';
import type { paths } from '@proseapi/rambase-types';
import createOpenApiClient from 'openapi-fetch';
import { description } from './description.generated.js';
import {
  type LoginError,
  RamBaseAuthError,
  RamBaseError,
  type RamBaseErrorBody,
  RamBaseNetworkError,
  type RamBaseOperation,
  RamBaseTimeoutError,
} from './errors.js';
import type { Expanded } from './expand.js';
import { type BodyForm, type Format, Forms, MEDIA } from './forms.js';
import { type TokenAnswer, TokenKeeper } from './tokens.js';
import type {
  CallOptions,
  GetOptions,
  ListOptions,
  Notification,
  NotificationInput,
  Paging,
  RamBaseClientOptions,
} from './types.js';

const OPERATIONS = {
  createAccessToken: { method: 'POST', path: '/oauth2/access_token' },
  getSupplierInvoiceNotification: {
    method: 'GET',
    path: '/procurement/invoices/{supplierInvoiceId}/notifications/{notificationId}',
  },
  createSupplierInvoiceNotification: {
    method: 'POST',
    path: '/procurement/invoices/{supplierInvoiceId}/notifications',
  },
  listSupplierInvoiceNotifications: {
    method: 'GET',
    path: '/procurement/invoices/{supplierInvoiceId}/notifications',
  },
} as const;
type OperationId = keyof typeof OPERATIONS;
const operation = (operationId: OperationId): RamBaseOperation => ({
  operationId,
  ...OPERATIONS[operationId],
});

type RawResult = { data?: unknown; error?: unknown; response: Response };

export interface RamBaseClient {
  /** `GET …/notifications/{notificationId}`: one notification, with the fields `expand` adds. */
  getNotification<E extends string = never>(
    supplierInvoiceId: number,
    notificationId: number,
    options?: GetOptions<E>,
  ): Promise<Expanded<Notification, E>>;
  /** `POST …/notifications`: creates a notification and gives it back (201). */
  createNotification(
    supplierInvoiceId: number,
    notification: NotificationInput,
    options?: CallOptions,
  ): Promise<Notification>;
  /** `GET …/notifications`: a page of the invoice's notifications (assumed by the description). */
  listNotifications<E extends string = never>(
    supplierInvoiceId: number,
    options?: ListOptions<E>,
  ): Promise<{ notifications: Expanded<Notification, E>[]; paging: Paging | undefined }>;
}

function invalid(message: string): never {
  throw new TypeError(`createRamBaseClient: ${message}`);
}

function checkAuth(auth: RamBaseClientOptions['auth']): void {
  if (!auth || typeof auth !== 'object') invalid('`auth` is a grant or { accessToken }');
  if ('accessToken' in auth) {
    if (typeof auth.accessToken !== 'string' || !auth.accessToken)
      invalid('`accessToken` is empty');
    return;
  }
  if (!['client_credentials', 'password', 'refresh_token'].includes(auth.grant)) {
    invalid('`auth.grant` is client_credentials, password or refresh_token');
  }
  if (typeof auth.clientId !== 'string' || typeof auth.clientSecret !== 'string') {
    invalid('`auth` needs the API client’s clientId and clientSecret');
  }
}

/** `expires_in` as seconds: a number, or a numeric string, possibly quoted. */
function seconds(value: unknown): number | undefined {
  const n = Number(String(value ?? '').replace(/"/g, ''));
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Creates a client for RamBase's supplier-invoice notifications: openapi-fetch typed by
 * `@proseapi/rambase-types`, with tokens from the OAuth 2.0 endpoint, and bodies in JSON or
 * XML read and written as the same typed objects.
 */
export function createRamBaseClient(options: RamBaseClientOptions): RamBaseClient {
  const {
    baseUrl = 'https://api.rambase.net',
    auth,
    format: defaultFormat = 'json',
    fetch: fetchImpl,
    timeoutMs = 30_000,
    headers,
    now = Date.now,
  } = options ?? ({} as RamBaseClientOptions);
  const root = apiRoot(baseUrl);
  if (!root) invalid('`baseUrl` must be an http(s) URL such as https://api.rambase.net');
  checkAuth(auth);
  if (defaultFormat !== 'json' && defaultFormat !== 'xml') invalid('`format` is json or xml');
  if (!(typeof timeoutMs === 'number' && timeoutMs > 0)) invalid('`timeoutMs` must be above 0');

  const secrets = new Redactor();
  const forms = new Forms(description);
  const http = createOpenApiClient<paths>({
    baseUrl: root,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    headers: { ...headers },
    querySerializer: { array: { style: 'form', explode: false } },
  });

  function limits(options: CallOptions | undefined, op: RamBaseOperation) {
    return [
      { signal: options?.signal, timeoutMs: options?.timeoutMs ?? timeoutMs },
      {
        timeout: (ms: number) => new RamBaseTimeoutError(op, ms),
        network: (cause: unknown) => new RamBaseNetworkError(op, cause),
      },
    ] as const;
  }

  /** The text of a body openapi-fetch read as text (it parses an error's text as JSON when it can). */
  const text = (value: unknown) =>
    typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

  async function requestToken(form: Record<string, string>): Promise<TokenAnswer> {
    const op = operation('createAccessToken');
    const [bounds, failures] = limits(undefined, op);
    const result: RawResult = await callWithin(
      bounds,
      (signal) =>
        http.POST('/oauth2/access_token', {
          body: form as never,
          bodySerializer: (body: unknown) =>
            new URLSearchParams(body as Record<string, string>).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: MEDIA.json },
          parseAs: 'text',
          signal,
        }),
      failures,
    );
    const { response } = result;
    const body = text(response.ok ? result.data : result.error);
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {}
    const answer = value as
      | { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown }
      | undefined;
    if (response.ok && typeof answer?.access_token === 'string' && answer.access_token) {
      return {
        accessToken: answer.access_token,
        expiresIn: seconds(answer.expires_in),
        refreshToken: typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined,
      };
    }
    throw new RamBaseAuthError({
      operation: op,
      status: response.status,
      body: value && typeof value === 'object' ? (value as LoginError) : body,
      response: secrets.response(response),
      ...(response.ok ? { message: 'the answer holds no access_token' } : {}),
    });
  }

  const tokens = new TokenKeeper(auth, requestToken, now, secrets);

  /**
   * One authorized call: the token in `Authorization`, the answer read in its form. A refused
   * token (401) is replaced once, when the client can obtain another.
   */
  async function send(
    operationId: OperationId,
    options: CallOptions | undefined,
    run: (init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<RawResult>,
    accept: Format,
  ): Promise<{ value: unknown; response: Response }> {
    const op = operation(operationId);
    const forms$ = forms.operation(op.method, op.path);
    const [bounds, failures] = limits(options, op);
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.token();
      const headers = { Authorization: `Bearer ${token}`, Accept: MEDIA[accept] };
      const result = await callWithin(bounds, (signal) => run({ headers, signal }), failures);
      const { response } = result;
      if (response.status === 401 && attempt === 0 && tokens.renewable) {
        tokens.expire(token);
        continue;
      }
      const body = text(response.ok ? result.data : result.error);
      const form = forms.answer(forms$, response.status);
      let value: unknown = body;
      let unreadable: unknown;
      if (form && body) {
        try {
          value = forms.read(body, response.headers.get('content-type'), form);
        } catch (cause) {
          unreadable = cause;
        }
      }
      if (response.ok && unreadable === undefined) return { value, response };
      throw new RamBaseError({
        operation: op,
        status: response.status,
        body: unreadable === undefined ? (value as RamBaseErrorBody | string) : body,
        response: secrets.response(response),
        ...(unreadable === undefined
          ? {}
          : {
              message: `the answer is not the body the description describes: ${(unreadable as Error).message}`,
              cause: unreadable,
            }),
      });
    }
  }

  const query = (options: GetOptions<string> | undefined, format: Format) => ({
    ...options?.query,
    $format: format,
    ...(options?.expand?.length ? { $expand: [...options.expand] } : {}),
    ...(options?.select?.length ? { $select: [...options.select] } : {}),
  });

  async function getNotification(
    supplierInvoiceId: number,
    notificationId: number,
    options?: GetOptions<string>,
  ) {
    const format = options?.format ?? defaultFormat;
    const { value } = await send(
      'getSupplierInvoiceNotification',
      options,
      (init) =>
        http.GET('/procurement/invoices/{supplierInvoiceId}/notifications/{notificationId}', {
          params: { path: { supplierInvoiceId, notificationId }, query: query(options, format) },
          parseAs: 'text',
          ...init,
        }),
      format,
    );
    return value as Notification;
  }

  async function listNotifications(supplierInvoiceId: number, options?: ListOptions<string>) {
    const format = options?.format ?? defaultFormat;
    const { value } = await send(
      'listSupplierInvoiceNotifications',
      options,
      (init) =>
        http.GET('/procurement/invoices/{supplierInvoiceId}/notifications', {
          params: { path: { supplierInvoiceId }, query: query(options, format) },
          parseAs: 'text',
          ...init,
        }),
      format,
    );
    const list = (value ?? {}) as { notifications?: Notification[]; paging?: Paging };
    return { notifications: list.notifications ?? [], paging: list.paging };
  }

  async function createNotification(
    supplierInvoiceId: number,
    notification: NotificationInput,
    options?: CallOptions,
  ) {
    const format = options?.format ?? defaultFormat;
    const op = forms.operation('POST', OPERATIONS.createSupplierInvoiceNotification.path);
    const bodyForm = op.body as BodyForm;
    let body: string;
    try {
      body = forms.write(notification, bodyForm, format);
    } catch (cause) {
      throw new TypeError(
        `The notification cannot be written as ${format.toUpperCase()}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const { value } = await send(
      'createSupplierInvoiceNotification',
      options,
      (init) =>
        http.POST('/procurement/invoices/{supplierInvoiceId}/notifications', {
          params: { path: { supplierInvoiceId } },
          body: notification as never,
          bodySerializer: () => body,
          parseAs: 'text',
          ...init,
          headers: { ...init.headers, 'Content-Type': MEDIA[format] },
        }),
      format,
    );
    return value as Notification;
  }

  return {
    getNotification: secrets.guard(getNotification),
    createNotification: secrets.guard(createNotification),
    listNotifications: secrets.guard(listNotifications),
  } as RamBaseClient;
}
