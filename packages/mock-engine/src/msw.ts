export { type MswOptions, mswHandlers } from './adapters/msw.js';
