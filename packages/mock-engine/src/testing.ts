/**
 * Test support shared by the mocks' suites: an independent oracle of answers (it does
 * not use the model or the engine, on purpose), requests built from a description's
 * examples, a fuzzer, a mock command run as a child process, and the facts about the
 * description a mock package serves by default.
 */

export {
  type AdministrationProbe,
  probeAdministration,
  type RunningCommand,
  runCommand,
  startCommand,
} from './testing/command.js';
export { defaultDescriptionProblems } from './testing/description.js';
export { type FuzzOptions, fuzz } from './testing/fuzz.js';
export { type Answer, createOracle, type Oracle } from './testing/oracle.js';
export { type BuiltRequest, exampleRequest, type Sent, send } from './testing/requests.js';
