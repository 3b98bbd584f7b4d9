export {
  type PrecompiledSources,
  precompileValidators,
  resourceSchemaOf,
} from './compile/precompile.js';
