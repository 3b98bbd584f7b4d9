// Preloaded into each server the bench starts (`node --require`): on exit it writes the
// process's CPU time (user + system, in ms) to the file named by BENCH_CPU_FILE. A stop
// (SIGTERM) ends the process at once, so that servers without a handler of their own
// report too. CPU time, unlike wall time, barely moves when other work shares the machine.
const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    require('node:fs').writeFileSync(file, String((user + system) / 1000));
  });
  process.on('SIGTERM', () => process.exit(0));
}
