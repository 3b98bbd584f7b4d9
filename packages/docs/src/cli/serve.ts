import { join } from 'node:path';
import { startDocsServer } from '../server.js';
import { packageRoot } from '../site.js';

const requested = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
}
const server = await startDocsServer({ root: join(packageRoot(), 'dist'), port: requested });
if (server.port !== requested && requested !== 0) {
  console.log(`Port ${requested} is taken; using ${server.port} instead.`);
}
console.log(`ActivePlatform API docs: ${server.url}`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
