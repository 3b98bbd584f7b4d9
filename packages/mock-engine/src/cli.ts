export {
  type CliMockOptions,
  type CliOption,
  cliHelp,
  cliOptions,
  type MockCli,
  runMockCli,
} from './adapters/cli.js';
