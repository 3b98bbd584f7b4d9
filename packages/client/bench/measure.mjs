// What the client's benchmarks share. Every task runs calls in batches; a sample is the per-call
// mean of one batch, in wall-clock time and in CPU time of this process (CPU time is what the
// code costs; it is also much less disturbed by other work on a shared machine). Tasks run in
// several short rounds in alternating order; results are medians.
import { execFileSync } from 'node:child_process';
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

/**
 * A task alone in a fresh process warms up longer: until its code is compiled and optimised, the
 * compiler's threads would be counted in the CPU time, and slower code in both times.
 */
const FRESH_WARMUP_MS = 1500;

/** One run of tinybench over the tasks, without its own warm-up; throws if a task failed. */
async function runBench(tasks, time) {
  const bench = new Bench({ ...options, time, warmup: false });
  for (const t of tasks) bench.add(t.name, t.fn);
  await bench.run();
  for (const t of bench.tasks) {
    if (t.result?.state !== 'completed') {
      throw new Error(`${t.name} failed: ${t.result?.error ?? t.result?.state}`);
    }
  }
}

/**
 * Runs one round of the tasks: a warm-up whose samples are dropped (a task records every
 * batch it runs, and a cold batch is slower), then the measured run.
 */
async function runRound(tasks, warmupTime = options.warmupTime) {
  const kept = tasks.map((t) => t.wall.length);
  await runBench(tasks, warmupTime);
  tasks.forEach((t, i) => {
    t.wall.length = kept[i];
    t.cpu.length = kept[i];
  });
  await runBench(tasks, options.time);
}

/**
 * Runs the tasks; the median per-call wall and CPU time of each, by name.
 * `after(name)`, run once a task's round is over, checks what it did and returns a count (with
 * `apart`, the counts of a task's processes are summed as `counted`).
 *
 * With `apart`, each round of each task runs in a process of its own (this script again, told
 * which task by BENCH_TASK): tasks that share a process share the engine's compiled code, so
 * one that hands it differently shaped objects slows the others down, and a baseline measured
 * beside it would not be the baseline.
 */
export async function measure(tasks, { apart = false, after } = {}) {
  const only = process.env.BENCH_TASK;
  if (only !== undefined) {
    const own = tasks.find((t) => t.name === only);
    if (!own) throw new Error(`no task named ${only}`);
    await runRound([own], FRESH_WARMUP_MS);
    // `after` checks what the task did in this process (it throws on a wrong result).
    const counted = (await after?.(own.name)) ?? 0;
    process.stdout.write(`${JSON.stringify({ wall: own.wall, cpu: own.cpu, counted })}\n`);
    process.exit(0);
  }
  if (apart) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 ? [...tasks].reverse() : tasks) {
        const out = execFileSync(process.execPath, [process.argv[1]], {
          env: { ...process.env, BENCH_TASK: t.name },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const samples = JSON.parse(out.trim().split('\n').pop());
        t.wall.push(...samples.wall);
        t.cpu.push(...samples.cpu);
        t.counted = (t.counted ?? 0) + samples.counted;
      }
    }
    return new Map(
      tasks.map((t) => [t.name, { wall: median(t.wall), cpu: median(t.cpu), counted: t.counted }]),
    );
  }
  for (let round = 0; round < ROUNDS; round++) {
    await runRound(round % 2 ? [...tasks].reverse() : tasks);
  }
  return new Map(tasks.map((t) => [t.name, { wall: median(t.wall), cpu: median(t.cpu) }]));
}
