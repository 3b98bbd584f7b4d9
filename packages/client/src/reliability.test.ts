// The client's reliability figures: hostile answers over real sockets, counted. It checks
// - every place a server writes an object key (query names of links.next, JSON bodies, headers,
//   redirect targets) with `__proto__`, `constructor` and `prototype`: goal 0 polluted;
// - every place a server controls with a canary token echoed into it, through every way an error
//   or a result is shown (message, stack, JSON, util.inspect …): goal 0 leaks;
// - randomly built broken answers: goal 0 failures other than the client's typed errors, and 0
//   unhandled rejections or uncaught exceptions.
// Loops are bounded (fixed lists, fast-check with a fixed number of runs); the tallies are printed
// and written to test-output/reliability.json (not committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Server as TcpServer,
} from 'node:net';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollAsyncTask } from './async-task.js';
import { createClient } from './client.js';
import {
  ActivePlatformError,
  ActivePlatformLimitError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
} from './errors.js';
import { paginate } from './paginate.js';

const tally = {
  prototypeKeys: { checked: 0, polluted: 0, refused: 0, controls: 0 },
  canary: { places: 0, checks: 0, leaks: 0, placeNames: [] as string[] },
  hostileAnswers: { tried: 0, untypedFailures: 0 },
  unhandledRejections: 0,
  uncaughtExceptions: 0,
};
const problems: string[] = [];

type Result = { data?: unknown; error?: unknown; response?: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Result>;

// ---------------------------------------------------------------- prototype pollution

const KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const PROTOTYPES: object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Promise.prototype,
  Error.prototype,
  Response.prototype,
  Headers.prototype,
];
/** Every own property of the built-in prototypes, with its value or accessors. */
const snapshot = () =>
  PROTOTYPES.map((proto) =>
    Object.getOwnPropertyNames(proto).map((name) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      return [name, d?.value, d?.get, d?.set] as const;
    }),
  );
const PRISTINE = snapshot();
const isPolluted = () => {
  const now = snapshot();
  return now.some(
    (props, i) =>
      props.length !== PRISTINE[i]?.length ||
      props.some((p, j) => p.some((part, k) => part !== PRISTINE[i]?.[j]?.[k])),
  );
};

/** Puts the prototypes back as they were, so that one pollution is not counted again later. */
const repair = () => {
  PROTOTYPES.forEach((proto, i) => {
    const before = new Map(PRISTINE[i]?.map((p) => [p[0], p]));
    for (const name of Object.getOwnPropertyNames(proto)) {
      const was = before.get(name);
      if (!was) delete (proto as Record<string, unknown>)[name];
      else if (Object.getOwnPropertyDescriptor(proto, name)?.value !== was[1] && !was[2]) {
        Object.defineProperty(proto, name, { value: was[1] });
      }
    }
  });
};

/**
 * Runs one input and checks the prototypes afterwards. An input carrying a prototype key counts
 * as checked, one without as a control; a polluted prototype is recorded with its label.
 */
async function checkKeys(label: string, run: () => Promise<unknown>, hostile = true) {
  if (hostile) tally.prototypeKeys.checked++;
  else tally.prototypeKeys.controls++;
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (error) {
    outcome = error;
  }
  if (isPolluted() || ({} as Record<string, unknown>).polluted !== undefined) {
    tally.prototypeKeys.polluted++;
    problems.push(`polluted: ${label}`);
    repair();
  }
  return outcome;
}

// ---------------------------------------------------------------- canary token

/** One token shaped like the platform's, one with the characters JSON and URLs escape. */
const CANARIES = ['cAnArY7f3e9b21d4Qx', 'odd"canary\\8c1d2e/%'] as const;
const formsOf = (token: string) => [
  ...new Set([token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]),
];
/** Every way an error or a result is commonly shown or logged. */
function views(value: unknown): Record<string, string> {
  const shown: Record<string, string> = {
    inspect: inspect(value),
    'inspect showHidden': inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    JSON: JSON.stringify(value) ?? '',
  };
  if (value instanceof Error) {
    shown.String = String(value);
    shown.message = value.message;
    shown.stack = value.stack ?? '';
    shown['cause chain'] = inspect(value.cause, { showHidden: true, depth: 10 });
  } else if (value && typeof value === 'object') {
    // A result: its error and its answer. Success data is the API's payload, handed over as it is.
    const result = value as Result;
    const seen = { error: result.error, response: result.response };
    shown.inspect = inspect(seen);
    shown['inspect showHidden'] = inspect(seen, {
      showHidden: true,
      depth: Number.POSITIVE_INFINITY,
    });
    shown.JSON = JSON.stringify(seen);
    shown['result.error JSON'] = JSON.stringify(result.error) ?? '';
    shown['result.response'] = inspect(result.response, { showHidden: true });
    shown['result.response headers'] = JSON.stringify([...(result.response?.headers ?? [])]);
  }
  return shown;
}
function checkCanary(place: string, token: string, outcome: unknown) {
  for (const [view, text] of Object.entries(views(outcome))) {
    tally.canary.checks++;
    if (formsOf(token).some((form) => text.includes(form))) {
      tally.canary.leaks++;
      problems.push(`leak: ${place} via ${view}`);
    }
  }
}

// ---------------------------------------------------------------- servers

/**
 * Each path is one place the server writes the caller's token into (`/place/<name>`), or a
 * hostile answer chosen by the test (`/answer`, set with `nextAnswer`).
 */
let server: Server;
let origin = '';
let elsewhere = '';
let raw: TcpServer;
const rawSockets = new Set<import('node:net').Socket>();
let rawOrigin = '';
let nextRaw = '';

const PLACES: Record<string, (token: string, res: import('node:http').ServerResponse) => void> = {
  'status text': (t, res) => res.writeHead(500, `Oops ${t}`).end('{}'),
  'X-Request-Id': (t, res) => res.writeHead(500, { 'X-Request-Id': t }).end('{}'),
  'another header': (t, res) => res.writeHead(400, { 'X-Debug': `token=${t}` }).end('{}'),
  'WWW-Authenticate': (t, res) => res.writeHead(401, { 'WWW-Authenticate': `Token ${t}` }).end(),
  'Content-Type': (t, res) => res.writeHead(422, { 'Content-Type': `text/plain; t=${t}` }).end(),
  'Retry-After': (t, res) => res.writeHead(503, { 'Retry-After': t }).end('{}'),
  'Set-Cookie': (t, res) => res.writeHead(403, { 'Set-Cookie': `t=${t}` }).end('{}'),
  'errors[].title': (t, res) =>
    res.writeHead(400).end(JSON.stringify({ errors: [{ title: `bad ${t}`, status: '400' }] })),
  'errors object': (t, res) =>
    res.writeHead(422).end(JSON.stringify({ errors: { title: t, detail: t, code: t } })),
  'deeply nested member': (t, res) => {
    let deep: unknown = t;
    for (let i = 0; i < 12; i++) deep = { meta: deep };
    res.writeHead(400).end(JSON.stringify({ errors: [deep] }));
  },
  'a JSON key': (t, res) =>
    res.writeHead(400).end(JSON.stringify({ errors: [{ title: 'x', meta: { [t]: 1 } }] })),
  'text error body': (t, res) => res.writeHead(502).end(`<html>upstream said ${t}</html>`),
  'success body that is not JSON': (t, res) => res.writeHead(200).end(`<html>${t}</html>`),
  'headers of a success': (t, res) => res.writeHead(200, { 'X-Request-Id': t }).end('{"data":[]}'),
  'Location (another origin)': (t, res) =>
    res.writeHead(302, { Location: `${elsewhere}/steal?token=${t}` }).end(),
  'Location (a loop)': (t, res) =>
    res.writeHead(307, { Location: `/place/Location%20(a%20loop)?t=${t}` }).end(),
  'URL after a redirect': (t, res) => res.writeHead(302, { Location: `/missing/${t}` }).end(),
  'body cut short': (t, res) => {
    res.writeHead(200, { 'Content-Length': 500 });
    res.write(`{"data":"${t}`);
    setTimeout(() => res.socket?.destroy(), 10);
  },
};
const ODD_SAFE = new Set(Object.keys(PLACES).filter((p) => !/Location|URL after/.test(p)));

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
  const other = createServer((_, res) => res.end('stolen'));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  other.close();

  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = String(req.headers['x-api-token']);
    const place = decodeURIComponent(url.pathname.slice('/place/'.length));
    const write = PLACES[place];
    if (write) return write(token, res);
    if (url.pathname === '/json') {
      res.writeHead(Number(url.searchParams.get('status') ?? 200), {
        'Content-Type': 'application/vnd.api+json',
      });
      return res.end(url.searchParams.get('body') ?? '{}');
    }
    res.writeHead(404).end(`{"errors":[{"title":"no ${token}"}]}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  raw = createTcpServer((socket) => {
    rawSockets.add(socket);
    socket.on('close', () => rawSockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => {
      const answer = nextRaw;
      if (answer.endsWith('\0CUT')) {
        socket.write(answer.slice(0, -4));
        setTimeout(() => socket.destroy(), 5);
      } else {
        socket.end(answer);
      }
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  rawOrigin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
});

function onUnhandled(reason: unknown) {
  tally.unhandledRejections++;
  problems.push(`unhandled rejection: ${String(reason)}`);
}
function onUncaught(error: unknown) {
  tally.uncaughtExceptions++;
  problems.push(`uncaught exception: ${String(error)}`);
}

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  for (const socket of rawSockets) socket.destroy();
  await new Promise((r) => raw?.close(r));
});

const client = (token: string, options: Record<string, unknown> = {}) =>
  createClient({
    baseUrl: (options.baseUrl as string) ?? origin,
    token,
    retry: false,
    timeoutMs: 5000,
    ...options,
  }) as unknown as Record<'GET' | 'POST' | 'DELETE', Call>;

const TOKEN = CANARIES[0];
const json = (body: unknown, status = 200) =>
  `/json?status=${status}&body=${encodeURIComponent(typeof body === 'string' ? body : JSON.stringify(body))}`;

describe('prototype keys from the network', () => {
  const run = (next: string) =>
    (paginate as unknown as (c: unknown, p: string, i: object) => AsyncGenerator<unknown>)(
      client(TOKEN),
      json({ data: [{ id: '1' }], links: { next } }),
      { maxPages: 3 },
    );
  const drain = async (iterator: AsyncGenerator<unknown>) => {
    for await (const _ of iterator);
  };
  const pct = (text: string) =>
    [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

  it('in the query names of links.next (paginate)', async () => {
    for (const key of KEYS) {
      const variants = [
        `?${key}[polluted]=yes`,
        `?${key}[toString]=yes`,
        `?${key}[prototype][polluted]=yes`,
        `?page[${key}][polluted]=yes`,
        `?filter[a][${key}][polluted]=yes`,
        `?${key}=yes`,
        `?${pct(key)}[polluted]=yes`,
        `?${key}%5Bpolluted%5D=yes`,
        `?x=1&${key}[${key}][polluted]=yes&page[number]=2`,
        `?page[number]=2&page[number][${key}]=yes`,
      ];
      for (const next of variants) {
        const outcome = await checkKeys(`links.next ${next}`, () => drain(run(next)));
        if (outcome instanceof TypeError && /has a parameter named/.test(outcome.message)) {
          tally.prototypeKeys.refused++;
        } else {
          problems.push(`not refused: links.next ${next} (${String(outcome)})`);
        }
      }
    }
  });

  it('in randomly built links.next query names (fast-check, 200 runs)', async () => {
    const segment = fc.oneof(
      fc.constantFrom(...KEYS, 'page', 'filter', 'number', 'toString', 'valueOf', 'length'),
      fc.string({ maxLength: 6 }),
    );
    const name = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map(([first, ...rest]) => `${first}${rest.map((s) => `[${s}]`).join('')}`);
    const query = fc.array(fc.tuple(name, fc.string({ maxLength: 6 })), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (pairs, encode) => {
        const next = `?${pairs
          .map(
            ([n, v]) =>
              `${encode ? pct(n) : encodeURIComponent(n).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`,
          )
          .join('&')}`;
        const forbidden = pairs.some(([n]) =>
          n.split(/[[\]]+/).some((k) => (KEYS as readonly string[]).includes(k)),
        );
        const outcome = await checkKeys(
          `random links.next ${next}`,
          () => drain(run(next)),
          forbidden,
        );
        if (forbidden) {
          const refused =
            outcome instanceof TypeError && /has a parameter named/.test(outcome.message);
          if (refused) tally.prototypeKeys.refused++;
          else problems.push(`not refused: random links.next ${next}`);
        }
      }),
      { numRuns: 200, seed: 16 },
    );
  }, 120_000);

  it('in JSON bodies the client and its helpers read', async () => {
    for (const key of KEYS) {
      const poison = `"${key}":{"polluted":"yes","next":"?page[number]=9","status":"completed","errors":[{"title":"x"}]}`;
      // paginate reads data and links; a `next` inside the key must not be followed.
      await checkKeys(`paginate body ${key}`, async () => {
        const items: unknown[] = [];
        for await (const item of (
          paginate as unknown as (c: unknown, p: string) => AsyncGenerator<unknown>
        )(
          client(TOKEN),
          json(`{"data":[{${poison}}],"links":{${poison},"next":null},${poison}}`),
        )) {
          items.push(item);
        }
        if (items.length !== 1) problems.push(`paginate body ${key}: ${items.length} items`);
      });
      // Error bodies, thrown and returned.
      for (const throwOnError of [true, false]) {
        await checkKeys(`error body ${key} throwOnError ${throwOnError}`, () =>
          client(TOKEN, { throwOnError }).GET(
            json(`{"errors":[{${poison},"title":"t"}],${poison}}`, 400),
          ),
        );
        await checkKeys(`single error object ${key}`, () =>
          client(TOKEN, { throwOnError }).GET(json(`{"errors":{${poison}}}`, 422)),
        );
      }
      // Success bodies.
      await checkKeys(`success body ${key}`, () =>
        client(TOKEN).GET(json(`{${poison},"data":{${poison}}}`)),
      );
      // pollAsyncTask reads data.attributes.status: a status inside the key is not a status.
      const task = await checkKeys(`async task ${key}`, () =>
        pollAsyncTask(
          createClient({
            baseUrl: origin,
            token: TOKEN,
            fetch: async () => new Response(`{"data":{"attributes":{${poison}}}}`),
          }),
          { reseller_id: 1, async_task_id: 'a' },
          { timeoutMs: 2000 },
        ),
      );
      if (!(task instanceof TypeError)) problems.push(`async task ${key}: ${String(task)}`);
    }
  });

  it('in header names and values, and in redirect targets', async () => {
    for (const key of KEYS) {
      await checkKeys(`header named ${key}`, async () => {
        const c = createClient({
          baseUrl: origin,
          token: TOKEN,
          fetch: async () =>
            new Response('{}', {
              status: 500,
              headers: [
                [key, 'x'],
                ['x-request-id', key],
                ['location', `?${key}[polluted]=yes`],
              ],
            }),
        });
        const { response } = await (c.GET as unknown as Call)('/x');
        if (response?.headers.get(key) !== 'x') problems.push(`header ${key} lost`);
      });
      await checkKeys(`same-origin redirect to ?${key}[polluted]=yes`, () =>
        client(TOKEN).GET(
          `/place/${encodeURIComponent('URL after a redirect')}?${key}[polluted]=yes`,
        ),
      );
    }
  });
});

describe('a canary token in every place a server controls', () => {
  for (const token of CANARIES) {
    it(`token ${JSON.stringify(token)}`, async () => {
      for (const place of Object.keys(PLACES)) {
        if (token !== TOKEN && !ODD_SAFE.has(place)) continue;
        tally.canary.places++;
        if (token === TOKEN) tally.canary.placeNames.push(place);
        for (const throwOnError of [true, false]) {
          const outcome = await client(token, { throwOnError })
            .GET(`/place/${encodeURIComponent(place)}`)
            .catch((e: unknown) => e);
          checkCanary(`${place} (throwOnError: ${throwOnError})`, token, outcome);
        }
      }
      // A links.next that carries the token leads to an error whose URL has it.
      tally.canary.places++;
      if (token === TOKEN) tally.canary.placeNames.push('links.next URL');
      const next = `/place/${encodeURIComponent('body cut short')}?t=${encodeURIComponent(token)}`;
      const outcome = await (async () => {
        for await (const _ of (
          paginate as unknown as (c: unknown, p: string) => AsyncGenerator<unknown>
        )(client(token), json({ data: [{ id: '1' }], links: { next } })));
      })().catch((e: unknown) => e);
      checkCanary('links.next URL', token, outcome);
      // A transport error whose cause quotes the broken header with the token.
      tally.canary.places++;
      if (token === TOKEN) tally.canary.placeNames.push('cause of a parser error');
      nextRaw = `HTTP/1.1 200 OK\r\nX-Echo: \u0001${token}\r\nContent-Length: 2\r\n\r\n{}`;
      const parser = await client(token, { baseUrl: rawOrigin })
        .GET('/')
        .catch((e: unknown) => e);
      checkCanary('parser error cause', token, parser);
    }, 60_000);
  }
});

describe('broken answers never crash the client', () => {
  const TYPED = [
    ActivePlatformError,
    ActivePlatformNetworkError,
    ActivePlatformTimeoutError,
    ActivePlatformLimitError,
  ];
  /** Built when the test runs, once the servers' addresses are known. */
  const arbitraries = () => {
    const headerName = fc.oneof(
      fc.constantFrom(
        'X-Request-Id',
        'Location',
        'Retry-After',
        'Content-Type',
        'Content-Length',
        'Transfer-Encoding',
        ...KEYS,
      ),
      fc.stringMatching(/^[A-Za-z-]{1,12}$/),
    );
    const headerValue = fc.oneof(
      fc.constantFrom(
        TOKEN,
        `/x?t=${TOKEN}`,
        `${elsewhere}/x`,
        '0',
        '99999999',
        'chunked',
        '-1',
        '',
        'значение €',
      ),
      fc.string({ maxLength: 20, unit: 'binary' }),
    );
    const body = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.constant(`{"errors":[{"title":"${TOKEN}"}],"__proto__":{"polluted":1}}`),
      fc.constant('{"data":'),
      fc.constant('x'.repeat(70_000)),
    );
    const answer = fc.record({
      status: fc.constantFrom(
        ...[200, 201, 204, 301, 302, 303, 307, 308, 400, 401, 404, 429, 500, 502, 503, 599],
        ...[600, 999],
      ),
      reason: fc.oneof(
        fc.constantFrom('OK', TOKEN, 'Не найдено €', ''),
        fc.string({ maxLength: 10, unit: 'binary' }),
      ),
      headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
      body,
      length: fc.constantFrom('exact', 'more', 'less', 'none'),
      cut: fc.boolean(),
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      throwOnError: fc.boolean(),
    });
    return answer;
  };

  it('random raw answers give a result or a typed error (fast-check, 150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries(), async (a) => {
        tally.hostileAnswers.tried++;
        const bytes = Buffer.byteLength(a.body);
        const length = { exact: bytes, more: bytes + 10, less: Math.max(0, bytes - 3), none: -1 }[
          a.length
        ];
        const head = [
          `HTTP/1.1 ${a.status} ${a.reason.replace(/[\r\n]/g, '')}`,
          'Connection: close',
          ...a.headers.map(([n, v]) => `${n}: ${v.replace(/[\r\n]/g, '')}`),
          ...(length >= 0 ? [`Content-Length: ${length}`] : []),
        ];
        nextRaw = `${head.join('\r\n')}\r\n\r\n${a.body}${a.cut ? '\0CUT' : ''}`;
        const c = client(TOKEN, {
          baseUrl: rawOrigin,
          throwOnError: a.throwOnError,
          timeoutMs: 3000,
          maxResponseBytes: 65_536,
        });
        const outcome = await checkKeys(
          'random answer',
          () => c[a.method as 'GET']('/', a.method === 'GET' ? {} : { body: { a: 1 } }),
          KEYS.some((key) => nextRaw.includes(key)),
        );
        if (outcome instanceof Error && !TYPED.some((type) => outcome instanceof type)) {
          tally.hostileAnswers.untypedFailures++;
          problems.push(`untyped failure: ${outcome.name}: ${outcome.message}`);
        }
        checkCanary(`random answer ${a.status}`, TOKEN, outcome);
      }),
      { numRuns: 150, seed: 1616 },
    );
  }, 240_000);
});

describe('figures', () => {
  it('meets the goals: 0 polluted, 0 leaks, 0 untyped failures, 0 unhandled', async () => {
    // Lets any late rejection of the runs above surface before counting.
    await new Promise((r) => setTimeout(r, 50));
    const report = { ...tally, problems };
    const dir = new URL('../test-output/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('reliability.json', dir), `${JSON.stringify(report, null, 2)}\n`);
    const { placeNames, ...canary } = tally.canary;
    console.log(`client reliability: ${JSON.stringify({ ...tally, canary })}`);
    expect(problems).toEqual([]);
    expect(tally.prototypeKeys.polluted).toBe(0);
    expect(tally.canary.leaks).toBe(0);
    expect(tally.hostileAnswers.untypedFailures).toBe(0);
    expect(tally.unhandledRejections + tally.uncaughtExceptions).toBe(0);
    expect(tally.prototypeKeys.checked).toBeGreaterThan(0);
    expect(tally.canary.checks).toBeGreaterThan(0);
  });
});
