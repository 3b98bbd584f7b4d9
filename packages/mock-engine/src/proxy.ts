export { type ProxyOptions, startProxy } from './adapters/proxy.js';
