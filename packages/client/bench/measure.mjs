// What the client's benchmarks share. Every task runs calls in batches; a sample is the per-call
// mean of one batch, in wall-clock time and in CPU time of this process (CPU time is what the
// code costs; it is also much less disturbed by other work on a shared machine). Tasks run in
// several short rounds in alternating order; results are medians.
import { Bench } from 'tinybench';

export const ROUNDS = 5;
export const options = { time: 500, warmupTime: 100 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * A task that makes `batch` calls per iteration and records wall and CPU time per call. `check`
 * throws on a wrong answer; `settle`, when given, is awaited at the end of each batch and
 * counted (work a call leaves to be done after it returns).
 */
export function task(name, call, batch, { check, settle } = {}) {
  const wall = [];
  const cpu = [];
  const fn = async () => {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < batch; i++) {
      const result = await call();
      check?.(name, result);
    }
    await settle?.();
    const elapsed = performance.now() - wall0;
    const used = process.cpuUsage(cpu0);
    wall.push(elapsed / batch);
    cpu.push((used.user + used.system) / 1000 / batch);
    return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
  };
  return { name, fn, wall, cpu };
}

/** Runs the tasks; the median per-call wall and CPU time of each, by name. */
export async function measure(tasks) {
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench(options);
    for (const t of round % 2 ? [...tasks].reverse() : tasks) bench.add(t.name, t.fn);
    await bench.run();
    for (const t of bench.tasks) {
      if (t.result?.state !== 'completed') {
        throw new Error(`${t.name} failed: ${t.result?.error ?? t.result?.state}`);
      }
    }
  }
  return new Map(tasks.map((t) => [t.name, { wall: median(t.wall), cpu: median(t.cpu) }]));
}
