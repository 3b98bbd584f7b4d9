export { type CallFailures, type CallLimits, callWithin } from './call.js';
export {
  ApiError,
  type ApiErrorInit,
  ApiNetworkError,
  type ApiOperation,
  ApiTimeoutError,
} from './errors.js';
export { apiRoot, basicAuthorization } from './http.js';
export { Redactor } from './secrets.js';
