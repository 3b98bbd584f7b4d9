export { type RunningServer, type ServerOptions, serve } from './adapters/server.js';
