export {
  type CreateMock,
  type MockControls,
  type MockEntries,
  mockEntries,
} from './adapters/entries.js';
