/**
 * The checks every docs site runs on the description it shows and on its code samples, as
 * vitest suites:
 * - the description is the bundle plus the samples, the coverage report and the logo;
 * - every curl sample, sent to the API's mock (`mock` in docs.config.mjs), gets a success the
 *   operation declares;
 * - with a client package (`samples.clientPackage`), every TypeScript sample type-checks
 *   against it, and run through it against the mock gets a success and sends the request its
 *   curl twin describes.
 * Without a mock or a client, the suite says so as a skipped check.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clientEnvVars,
  describeCall,
  hasTypeScriptSample,
  type MethodCall,
  type SampleValues,
  sampleValues,
  typescriptSample,
} from '../code-samples.js';
import { CONFIG_FILE } from '../config.js';
import {
  firstExampleValue,
  isJsonMediaType,
  isObject,
  type JsonValue,
  listOperations,
  type OperationEntry,
  preferredMediaTypes,
  resolveRef,
} from '../openapi.js';
import { selfContainedProblems } from '../self-contained.js';
import { withAbsoluteServerUrls } from '../site.js';
import { type CurlCommand, curlRequest, parseCurl } from './shell.js';
import { type BuiltSite, operationById, operationName, sampleOf, sourceBundle } from './site.js';

const labelsOf = (site: BuiltSite) => {
  const labels = site.config.samples.labels;
  return { typescript: labels?.typescript ?? 'TypeScript', curl: labels?.curl ?? 'curl' };
};

/** The bundle plus samples, coverage report and logo: nothing else changed, nothing lost. */
export function describeBuiltDescription(site: BuiltSite): void {
  describe('the built description', () => {
    it('is the bundle plus code samples, the coverage report and the logo', () => {
      const source = withAbsoluteServerUrls(sourceBundle(site));
      const built = structuredClone(site.document);
      const { typescript, curl } = labelsOf(site);
      expect(listOperations(built).map(operationName)).toEqual(
        listOperations(source).map(operationName),
      );
      for (const entry of listOperations(built)) {
        const labels = hasTypeScriptSample(entry, site.config.samples)
          ? [typescript, curl]
          : [curl];
        expect(entry.operation['x-codeSamples']?.map((s) => s.label)).toEqual(labels);
        delete entry.operation['x-codeSamples'];
      }
      if (site.config.logo) {
        expect(built.info['x-logo']).toMatchObject({
          url: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
        });
        delete built.info['x-logo'];
      }
      if (site.config.coverage) {
        const report = readFileSync(site.config.coverage, 'utf8').trim();
        expect(report).toContain('## Coverage of the documented API');
        expect(built.info.description).toBe(`${source.info.description ?? ''}\n\n${report}\n`);
        built.info.description = source.info.description ?? '';
      }
      expect(built).toEqual(source);
    });

    it('is shown by a self-contained page that declares its Content-Security-Policy', () => {
      const html = readFileSync(site.htmlPath, 'utf8');
      expect(selfContainedProblems(html)).toEqual([]);
      expect(html).toContain('http-equiv="Content-Security-Policy"');
    });
  });
}

/** True when the operation declares the status, by its code or by its range (`2XX`). */
function declares(entry: OperationEntry, status: number): boolean {
  const keys = Object.keys(entry.operation.responses ?? {});
  return keys.includes(String(status)) || keys.includes(`${String(status)[0]}XX`);
}

/** Imports a package as the docs package resolves it. */
async function importFrom(root: string, name: string): Promise<Record<string, unknown>> {
  const file = createRequire(join(root, 'package.json')).resolve(name);
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** The mock's `fetch` and the values of the samples' environment variables, as configured. */
export async function sampleMock(
  site: BuiltSite,
): Promise<{ send: typeof fetch; env: Record<string, string> }> {
  const mock = site.config.mock;
  if (!mock) throw new Error(`${CONFIG_FILE} names no mock for this API`);
  const module = await importFrom(site.root, mock.package);
  const create = module.createMockFetch;
  if (typeof create !== 'function') throw new Error(`${mock.package} has no createMockFetch`);
  const send = create(mock.options ?? {}) as typeof fetch;
  const env = typeof mock.env === 'function' ? await mock.env(send) : mock.env;
  return { send, env };
}

/** Every curl sample sent to the API's mock (`mock` in docs.config.mjs), with its environment. */
export function describeSampleRuns(site: BuiltSite): void {
  describe('curl samples against the mock', () => {
    if (!site.config.mock) {
      it.skip(`not run: ${CONFIG_FILE} names no mock for this API`, () => {});
      return;
    }
    let mock: Awaited<ReturnType<typeof sampleMock>>;
    beforeAll(async () => {
      mock = await sampleMock(site);
    });
    it.each(site.operations.map((e) => [operationName(e), e] as const))(
      '%s: the mock answers the curl sample with a success the operation declares',
      async (_id, entry) => {
        const request = curlRequest(sampleOf(entry, labelsOf(site).curl), mock.env);
        const response = await mock.send(request);
        const status = response.status;
        expect(
          status >= 200 && status < 300 && declares(entry, status),
          await response.text(),
        ).toBe(true);
      },
    );
  });
}

/** Type-checks TypeScript files held in memory, resolving modules from the docs package. */
function typeCheck(root: string, files: Map<string, string>): ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`${join(root, 'tsconfig.json')} could not be read`);
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, create) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, onError, create)
      : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.has(d.file.fileName));
}

const format = (root: string, diagnostics: ts.Diagnostic[]) =>
  ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });

/** The first success example of an operation, as the body and type of an answer. */
function successAnswer(site: BuiltSite, entry: OperationEntry): Response {
  for (const [code, raw] of Object.entries(entry.operation.responses ?? {})) {
    if (!/^2/.test(code)) continue;
    const response = resolveRef(site.document, raw);
    if (!isObject(response) || !isObject(response.content)) continue;
    const type = preferredMediaTypes(response.content)[0];
    const media = type === undefined ? undefined : response.content[type];
    if (!isObject(media)) continue;
    const value =
      'example' in media ? media.example : firstExampleValue(site.document, media.examples);
    if (value === undefined) continue;
    const body =
      typeof value === 'string' && !isJsonMediaType(type as string) ? value : JSON.stringify(value);
    const status = /^\d+$/.test(code) ? Number(code) : 200;
    return new Response(body, { status, headers: { 'content-type': type as string } });
  }
  return new Response(null, { status: 204 });
}

/** The documented value of a path parameter: its example or its first named example. */
function documentedPathValue(site: BuiltSite, entry: OperationEntry, name: string) {
  const parameter = entry.parameters.find((p) => p.name === name && p.in === 'path');
  if (!parameter) return undefined;
  return parameter.example ?? firstExampleValue(site.document, parameter.examples);
}

/** A body as a comparable value: JSON parsed, a form as its pairs, XML read through its schema. */
function bodyValue(site: BuiltSite, entry: OperationEntry, type: string | null, text: string) {
  if (text === '') return undefined;
  const essence = (type ?? '').split(';')[0]?.trim() ?? '';
  if (isJsonMediaType(essence)) return JSON.parse(text) as JsonValue;
  if (essence === 'application/x-www-form-urlencoded') return [...new URLSearchParams(text)];
  if (/xml$/.test(essence)) {
    const body = resolveRef(site.document, entry.operation.requestBody);
    const media = isObject(body) && isObject(body.content) ? body.content[essence] : undefined;
    const schema = isObject(media) ? media.schema : {};
    return new XmlCodec({ document: site.document as unknown as Record<string, unknown> }).decode(
      text,
      (schema ?? {}) as Schema,
    );
  }
  return text;
}

/**
 * With a client package: every TypeScript sample type-checks against it, a broken one fails,
 * and each, run through the client with a recording `fetch`, sends what its curl twin sends.
 */
export function describeTypeScriptSamples(site: BuiltSite): void {
  describe('TypeScript samples', () => {
    const clientPackage = site.config.samples.clientPackage;
    if (!clientPackage) {
      it.skip(`not written: ${CONFIG_FILE} names no client package for this API`, () => {});
      return;
    }
    const { typescript, curl } = labelsOf(site);
    const options = site.config.samples;
    const operations = site.operations.filter((e) => hasTypeScriptSample(e, options));
    const ids = operations.map(operationName);
    // The files never touch the disk; they are placed in the package so that the client
    // resolves through its node_modules, as it would for a user.
    const virtualFile = (id: string) => join(site.root, 'samples-under-check', `${id}.mts`);

    it(`type-check against ${clientPackage}, every one of them`, () => {
      expect(operations.length).toBeGreaterThan(0);
      const files = new Map(
        operations.map((e, i) => [virtualFile(ids[i] as string), sampleOf(e, typescript)]),
      );
      expect(files.size).toBe(operations.length);
      expect(format(site.root, typeCheck(site.root, files))).toBe('');
    });

    const failsFor = (broken: Record<string, string>) => {
      const files = new Map(
        Object.entries(broken).map(([name, text]) => [virtualFile(name), text]),
      );
      const failing = new Set(typeCheck(site.root, files).map((d) => d.file?.fileName));
      expect(failing).toEqual(new Set(files.keys()));
    };

    if (options.methods) {
      const methods = options.methods;
      it('would fail the check for a method the client does not have or missing arguments', () => {
        const written = operations.map((entry) => {
          const id = entry.operation.operationId as string;
          const call = describeCall(site.document, entry, options);
          const write = (method: (values: SampleValues) => MethodCall) =>
            typescriptSample(call, { ...options, methods: { [id]: method } }, site.document, id);
          return { entry, method: methods[id] as (values: SampleValues) => MethodCall, write };
        });
        const withArgs = written.find(
          ({ entry, method }) =>
            method(sampleValues(describeCall(site.document, entry, options), site.document)).args
              .length > 0,
        );
        if (!withArgs) throw new Error('no sample calls a method with arguments');
        const { entry, method, write } = withArgs;
        expect(write(method)).toBe(sampleOf(entry, typescript));
        failsFor({
          'wrong-method': write((v) => ({ ...method(v), method: `${method(v).method}Nowhere` })),
          'no-arguments': write((v) => ({ ...method(v), args: [] })),
        });
      });
    } else {
      it('would fail the check for a path the API does not have or a missing path value', () => {
        const entry = operations.find((e) => e.path.includes('{')) as OperationEntry;
        const sample = sampleOf(entry, typescript);
        const noPathValues = sample.replace(/path: \{[^}]*\}/, 'path: {}');
        expect(noPathValues).not.toBe(sample);
        failsFor({
          'wrong-path': sample.replace(`'${entry.path}'`, `'${entry.path}/nowhere'`),
          'no-path-values': noPathValues,
        });
      });
    }

    const mockNamed = site.config.mock !== undefined;
    describe(
      mockNamed ? 'run through the client against the mock' : 'run through the client',
      () => {
        // Transpiled samples go to the (ignored) node_modules cache so their import resolves.
        const cache = join(site.root, 'node_modules', '.cache', 'docs-samples');
        let env: Record<string, string> = Object.fromEntries(
          [...clientEnvVars(options), options.tokenEnvVar ?? 'API_TOKEN'].map((name) => [
            name,
            `${name.toLowerCase()}-under-test`,
          ]),
        );
        let mock: typeof fetch | undefined;
        let sent: Request[] = [];
        let statuses: number[] = [];
        let answer: () => Response = () => new Response(null, { status: 204 });
        beforeAll(async () => {
          mkdirSync(cache, { recursive: true });
          if (mockNamed) ({ send: mock, env } = await sampleMock(site));
          vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
            const request = new Request(input, init);
            sent.push(request.clone());
            const response = mock ? await mock(request) : answer();
            statuses.push(response.status);
            return response;
          });
          for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
        });
        afterAll(() => {
          vi.unstubAllGlobals();
          vi.unstubAllEnvs();
          rmSync(cache, { recursive: true, force: true });
        });

        it.each(operations.map((e, i) => [ids[i], e] as const))(
          mockNamed
            ? '%s gets a success from the mock, sending what the curl sample sends'
            : '%s sends what the curl sample sends, with the documented values',
          async (id, entry) => {
            const js = ts.transpileModule(sampleOf(entry, typescript), {
              compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
            }).outputText;
            const file = join(cache, `${id}.mjs`);
            writeFileSync(file, js);
            sent = [];
            statuses = [];
            answer = () => successAnswer(site, entry);
            const log = vi.spyOn(console, 'log').mockImplementation(() => {});
            try {
              await import(pathToFileURL(file).href);
            } finally {
              log.mockRestore();
            }
            if (mockNamed) {
              const status = statuses[0] ?? 0;
              expect(status >= 200 && status < 300 && declares(entry, status), String(status)).toBe(
                true,
              );
            }
            expect(sent).toHaveLength(1);
            const request = sent[0] as Request;
            const command = sampleOf(entry, curl);
            const twin = curlRequest(command, env);

            expect(request.method).toBe(twin.method);
            const fromClient = new URL(request.url);
            const fromCurl = new URL(twin.url);
            expect(`${fromClient.origin}${fromClient.pathname}`).toBe(
              `${fromCurl.origin}${fromCurl.pathname}`,
            );
            // Every query pair curl sends, the client sends too; it may add its own only of
            // parameters the operation declares (a client that always names the format, say).
            const curlPairs = [...fromCurl.searchParams].map((pair) => pair.join('='));
            const clientPairs = [...fromClient.searchParams].map((pair) => pair.join('='));
            expect(clientPairs).toEqual(expect.arrayContaining(curlPairs));
            const declared = new Set(
              entry.parameters.filter((p) => p.in === 'query').map((p) => p.name),
            );
            const added = [...fromClient.searchParams.keys()].filter(
              (name) => !fromCurl.searchParams.has(name),
            );
            expect(added.filter((name) => !declared.has(name))).toEqual([]);
            expect(clientPairs.length - added.length).toBe(curlPairs.length);
            // Every header curl sends, the client sends too (it may add its own).
            for (const [name, value] of twin.headers) {
              const sentValue = request.headers.get(name) ?? '';
              if (name === 'content-type' || name === 'accept') {
                expect(sentValue, name).toContain(value.split(';')[0]);
              } else {
                expect(sentValue, name).toBe(value);
              }
            }
            if (parseCurl(command).url.includes('[')) expect(parseCurl(command).globOff).toBe(true);
            const type = twin.headers.get('content-type');
            expect(bodyValue(site, entry, type, await request.text())).toEqual(
              bodyValue(site, entry, type, await twin.text()),
            );

            // With the values the description documents.
            const names = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
            // The operation's path ends the URL's; the server's own path may come first.
            const template = new RegExp(
              `${entry.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`,
            );
            const segments = template.exec(fromCurl.pathname)?.slice(1);
            expect(segments, `${fromCurl.pathname} does not fit ${entry.path}`).toHaveLength(
              names.length,
            );
            names.forEach((name, i) => {
              const documented = documentedPathValue(site, entry, name);
              if (documented !== undefined) {
                expect(decodeURIComponent(segments?.[i] ?? '')).toBe(String(documented));
              }
            });
          },
        );
      },
    );
  });
}

/**
 * Every check of the description and its samples: the built description, the TypeScript
 * samples (with a client package) and the curl samples' runs.
 */
export function describeDescriptionAndSamples(site: BuiltSite): void {
  describeBuiltDescription(site);
  describeTypeScriptSamples(site);
  describeSampleRuns(site);
}

/** The curl sample of the operation with that operationId, read. */
export const curlOf = (site: BuiltSite, operationId: string): CurlCommand =>
  parseCurl(sampleOf(operationById(site, operationId), labelsOf(site).curl));
