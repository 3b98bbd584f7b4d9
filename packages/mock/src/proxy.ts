/**
 * The validating proxy of the ActivePlatform description: every request goes on to a real
 * installation unchanged and its answer comes back unchanged; both are judged against the
 * description (with the validators the build compiled) and written to a conformance report.
 */
import { writeFileSync } from 'node:fs';
import defaultSpec from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { type Finding, formatReport, type Report } from '@proseapi/conformance';
import type { RunningServer } from '@proseapi/mock-engine';
import { createConformance } from '@proseapi/mock-engine/observe';
import { startProxy } from '@proseapi/mock-engine/proxy';
import type { JsonObject } from '@proseapi/openapi-model';
import { specHash, validators } from '#precompiled';

export type { Report };

export interface ProxyServerOptions {
  /** The installation's base URL, e.g. `https://test.activeplatform.com`. */
  target: string;
  port?: number | undefined;
  host?: string | undefined;
  /** Write the conformance report (with the recorded answers as fixtures) to this file as it grows. */
  record?: string | undefined;
  /** Another bundled description to judge against (default: `@activeplatform/openapi`'s). */
  spec?: object | undefined;
  /** Values never to be written anywhere; the credentials the traffic carries are learnt too. */
  secrets?: string[] | undefined;
  /** Told of each new mismatch (a line without samples). */
  onMismatch?: ((finding: Finding) => void) | undefined;
}

export interface ProxyServer extends RunningServer {
  /** The report so far. */
  report(): Report;
}

/** Starts the validating proxy (127.0.0.1:4010 unless told otherwise). */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const doc = (options.spec ?? defaultSpec) as JsonObject;
  const { observer, recording } = createConformance({
    spec: doc,
    precompiled: { specHash, validators },
    recordedBy: 'proxy',
    fixtures: true,
    secrets: options.secrets,
    onFinding: options.onMismatch,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    if (options.record) {
      writeFileSync(options.record, `${JSON.stringify(recording.report(), null, 2)}\n`);
    }
  };
  const server = await startProxy({
    target: options.target,
    port: options.port,
    host: options.host,
    judge: async (exchange) => {
      await observer.observe(exchange);
      // Written at most four times a second, and once more on close.
      if (options.record && timer === undefined) timer = setTimeout(write, 250);
    },
    beforeClose: () => {
      if (timer !== undefined) clearTimeout(timer);
      write();
    },
  });
  return { ...server, report: () => recording.report() };
}

export { formatReport };
