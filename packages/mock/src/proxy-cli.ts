/** `activeplatform-mock --proxy <base-url> [--record <file>]`: the validating proxy from the command line. */
import { formatReport, type ProxyServerOptions, startProxyServer } from './proxy.js';

export async function runProxy(
  target: string,
  options: Pick<ProxyServerOptions, 'port' | 'host' | 'record' | 'spec'>,
): Promise<void> {
  const server = await startProxyServer({
    target,
    ...options,
    onMismatch: (f) => {
      process.stdout.write(
        `mismatch: ${f.operation} ${f.status} ${f.direction}${f.pointer ? ` ${f.pointer}` : ''}: ${f.message}\n`,
      );
    },
  });
  process.stdout.write(
    `Validating proxy listening on ${server.url}, forwarding to ${target}\n` +
      (options.record ? `Writing the conformance report to ${options.record}\n` : ''),
  );
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => {
        process.stdout.write(formatReport(server.report()));
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
