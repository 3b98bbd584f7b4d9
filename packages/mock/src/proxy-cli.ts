/**
 * `activeplatform-mock --proxy <base-url> [--record <file>]`: the validating proxy as the
 * service the command runs instead of the mock (under the command's signal handling).
 */
import type { CliService } from '@proseapi/mock-engine/cli';
import { formatReport, type ProxyServerOptions, startProxyServer } from './proxy.js';

export async function proxyService(
  target: string,
  options: Pick<ProxyServerOptions, 'port' | 'host' | 'record' | 'spec'>,
): Promise<CliService> {
  const server = await startProxyServer({
    target,
    port: options.port,
    host: options.host,
    record: options.record,
    spec: options.spec,
    onMismatch: (f) => {
      process.stdout.write(
        `mismatch: ${f.operation} ${f.status} ${f.direction}${f.pointer ? ` ${f.pointer}` : ''}: ${f.message}\n`,
      );
    },
  });
  return {
    lines: [
      `Validating proxy listening on ${server.url}, forwarding to ${target}`,
      ...(options.record ? [`Writing the conformance report to ${options.record}`] : []),
    ],
    async close() {
      await server.close();
      process.stdout.write(formatReport(server.report()));
    },
  };
}
