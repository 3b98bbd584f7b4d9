/**
 * The code samples of the built site, checked against the real `@activeplatform/client`:
 * every TypeScript sample type-checks, and run through the client it sends exactly the
 * request its curl twin describes, with the values the description documents.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  firstExampleValue,
  isObject,
  type JsonValue,
  listOperations,
  type OperationEntry,
  resolveRef,
} from './openapi.js';
import { packageRoot, withAbsoluteServerUrls } from './site.js';
import { builtDocument, builtOperations, sampleOf, sourceBundle } from './test-support/built.js';
import { parseCurl } from './test-support/shell.js';

const root = packageRoot();
const operations = builtOperations();
const ids = operations.map((e) => e.operation.operationId ?? `${e.method} ${e.path}`);

describe('the built description', () => {
  it('is the bundle plus code samples and a logo, every operation included', () => {
    const source = withAbsoluteServerUrls(sourceBundle());
    const built = builtDocument();
    expect(listOperations(built).map((e) => e.operation.operationId)).toEqual(
      listOperations(source).map((e) => e.operation.operationId),
    );
    for (const entry of listOperations(built)) {
      expect(entry.operation['x-codeSamples']?.map((s) => s.label)).toEqual(['TypeScript', 'curl']);
      delete entry.operation['x-codeSamples'];
    }
    expect(built.info['x-logo']).toMatchObject({
      url: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
    });
    delete built.info['x-logo'];
    // The introduction ends with the coverage report the spec package writes.
    expect(built.info.description).toContain(source.info.description ?? '');
    expect(built.info.description).toContain('## Coverage of the documented API');
    built.info.description = source.info.description ?? '';
    expect(built).toEqual(source);
  });
});

/** Type-checks TypeScript files held in memory, resolving modules from this package. */
function typeCheck(files: Map<string, string>): ts.Diagnostic[] {
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
  if (!config) throw new Error('tsconfig.json could not be read');
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

const format = (diagnostics: ts.Diagnostic[]) =>
  ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });

// The files never touch the disk; they are placed in the package so that
// `@activeplatform/client` resolves through its node_modules, as it would for a user.
const virtualFile = (id: string) => join(root, 'samples-under-check', `${id}.mts`);

describe('TypeScript samples', () => {
  it('type-check against @activeplatform/client, every one of them', () => {
    const files = new Map(
      operations.map((e, i) => [virtualFile(ids[i] as string), sampleOf(e, 'TypeScript')]),
    );
    expect(files.size).toBe(operations.length);
    const diagnostics = typeCheck(files);
    expect(format(diagnostics)).toBe('');
  });

  it('would fail the check for a path the API does not have or a missing path value', () => {
    const entry = operations.find((e) => e.path.includes('{')) as OperationEntry;
    const sample = sampleOf(entry, 'TypeScript');
    const wrongPath = sample.replace(`'${entry.path}'`, `'${entry.path}/nowhere'`);
    const noPathValues = sample.replace(/path: \{[^}]*\}/, 'path: {}');
    expect(noPathValues).not.toBe(sample);
    const diagnostics = typeCheck(
      new Map([
        [virtualFile('wrong-path'), wrongPath],
        [virtualFile('no-path-values'), noPathValues],
      ]),
    );
    const failing = new Set(diagnostics.map((d) => d.file?.fileName));
    expect(failing).toEqual(new Set([virtualFile('wrong-path'), virtualFile('no-path-values')]));
  });
});

/** The documented value of a parameter: its example or its first named example. */
function documentedParameter(entry: OperationEntry, name: string): JsonValue | undefined {
  const parameter = entry.parameters.find((p) => p.name === name && p.in === 'path');
  if (!parameter) return undefined;
  return parameter.example ?? firstExampleValue(builtDocument(), parameter.examples);
}

function documentedBody(entry: OperationEntry): JsonValue | undefined {
  const body = resolveRef(builtDocument(), entry.operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const media = Object.values(body.content)[0];
  if (!isObject(media)) return undefined;
  return media.example ?? firstExampleValue(builtDocument(), media.examples);
}

describe('samples run through the client', () => {
  // Transpiled samples go to the (ignored) node_modules cache so their import resolves.
  const cache = join(root, 'node_modules', '.cache', 'docs-samples');
  // The recording fetch stays in place for the whole block, however the client picks it up.
  let sent: Request[] = [];
  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return new Response('{"data":null}', {
        status: 200,
        headers: { 'content-type': 'application/vnd.api+json' },
      });
    });
    vi.stubEnv('ACTIVEPLATFORM_TOKEN', 'token-under-test');
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    rmSync(cache, { recursive: true, force: true });
  });

  it.each(operations.map((e, i) => [ids[i], e] as const))(
    '%s: the TypeScript call sends what the curl command sends, with the documented values',
    async (id, entry) => {
      const js = ts.transpileModule(sampleOf(entry, 'TypeScript'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const file = join(cache, `${id}.mjs`);
      writeFileSync(file, js);

      sent = [];
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
      } finally {
        log.mockRestore();
      }
      expect(sent).toHaveLength(1);
      const request = sent[0] as Request;
      const curl = parseCurl(sampleOf(entry, 'curl'));

      // The same request on both sides.
      expect(request.method).toBe(curl.method);
      const fromClient = new URL(request.url);
      const fromCurl = new URL(curl.url);
      expect(`${fromClient.origin}${fromClient.pathname}`).toBe(
        `${fromCurl.origin}${fromCurl.pathname}`,
      );
      expect([...fromClient.searchParams].sort()).toEqual([...fromCurl.searchParams].sort());
      expect(request.headers.get('x-api-token')).toBe('token-under-test');
      expect(curl.headers['x-api-token']).toBe('$ACTIVEPLATFORM_TOKEN');
      expect(curl.headers.accept).toBe('application/vnd.api+json');
      if (curl.url.includes('[')) expect(curl.globOff).toBe(true);
      const body = request.body === null ? undefined : JSON.parse(await request.text());
      expect(body).toEqual(curl.data === undefined ? undefined : JSON.parse(curl.data));
      if (body !== undefined) {
        expect(curl.headers['content-type']).toBe('application/vnd.api+json');
        expect(request.headers.get('content-type')).toContain('application/vnd.api+json');
      }

      // With the values the description documents.
      const names = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const template = new RegExp(
        `^${entry.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`,
      );
      const segments = template.exec(fromCurl.pathname)?.slice(1);
      expect(segments, `${fromCurl.pathname} does not fit ${entry.path}`).toHaveLength(
        names.length,
      );
      names.forEach((name, i) => {
        const documented = documentedParameter(entry, name);
        if (documented !== undefined)
          expect(decodeURIComponent(segments?.[i] ?? '')).toBe(String(documented));
      });
      expect(body).toEqual(documentedBody(entry));
    },
  );
});
