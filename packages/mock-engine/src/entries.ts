export {
  type CreateMock,
  type MockControls,
  type MockEntries,
  type MockServerOptions,
  mockEntries,
  type ServedSettings,
  serveMock,
} from './adapters/entries.js';
