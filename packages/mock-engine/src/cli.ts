export {
  type CliMockOptions,
  type CliOption,
  type CliRun,
  type CliService,
  cliHelp,
  cliOptions,
  type MockCli,
  runMockCli,
} from './adapters/cli.js';
