/**
 * What the build compiles the validators with: the JSON:API layout of records, which places
 * the stored-record validators. `pnpm build` hands this module to `proseapi-precompile
 * --representation`.
 */
export { jsonApi as representation } from './dialect/jsonapi.js';
