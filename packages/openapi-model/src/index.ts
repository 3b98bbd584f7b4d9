export { closedDocument, closedNarrowsOnly, closesExactly } from './closed.js';
export { compactDocument, compactSchema } from './compact.js';
export { loadBundle } from './document.js';
export { mapDocumentSchemas, SUBSCHEMA_KEYWORDS } from './document-schemas.js';
export { isXmlMediaType, type MediaForms, mediaForms, wrapperMember } from './forms.js';
export {
  applicableNodes,
  jsonType,
  type SchemaNode,
  type SchemaPlace,
  schemaAt,
  type UndeclaredMember,
  undeclaredMembers,
} from './instance.js';
export {
  asciiEscaped,
  asciiJson,
  isObject,
  type JsonObject,
  type Schema,
  setMember,
} from './json.js';
export { leanDocument, leanSchema } from './lean.js';
export { essence, isJsonMediaType, mediaTypeMatches } from './media.js';
export {
  buildSpecModel,
  declaresStatus,
  type ExampleModel,
  findResponse,
  type MediaModel,
  type OperationModel,
  type ParameterModel,
  type ResponseModel,
  type SecuritySchemeModel,
  type SpecModel,
  successStatus,
} from './model.js';
export {
  HTTP_METHODS,
  type HttpMethod,
  isHttpMethod,
  listOperations,
  type OperationEntry,
  serverUrl,
  splitPath,
  templateKey,
} from './operations.js';
export {
  coerceScalar,
  decodeDeepObject,
  formatQueryString,
  formObject,
  type ParsedParams,
  parseParams,
  parseQueryString,
  queryPairs,
  simpleValue,
} from './params.js';
export {
  type DerefOptions,
  deref,
  escapePointer,
  pointerGet,
  pointerOf,
  ReferenceResolutionError,
  targetPointer,
  unescapePointer,
} from './pointer.js';
export { type Provenance, provenanceOf } from './provenance.js';
export {
  exampleOf,
  firstExampleValue,
  parameterSample,
  type SampleValue,
  sampleFromSchema,
} from './sample.js';
export { itemsSchema, propertySchema, resolveSchema, schemaTypes } from './schema.js';
