export {
  type CliMockOptions,
  type CliOption,
  type CliRun,
  cliHelp,
  cliOptions,
  type MockCli,
  runMockCli,
} from './adapters/cli.js';
