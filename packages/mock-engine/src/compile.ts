export {
  type PrecompiledSources,
  precompileValidators,
  resourceSchemaOf,
  type SplitOptions,
} from './compile/precompile.js';
export { writePrecompiled } from './compile/write.js';
