export {
  type PrecompiledSources,
  precompileValidators,
  resourceSchemaOf,
  type SplitOptions,
} from './compile/precompile.js';
export { writeSplit } from './compile/write.js';
