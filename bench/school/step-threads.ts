/**
 * Threaded Couzin step (`threaded-couzin-step.ts`) against one thread at N = 1,000 … 20,000
 * (torus radii, box scaled with N so the grid is used), and the cost of the per-step
 * hand-off itself: Atomics.wait/notify against a postMessage round trip, on empty steps.
 *
 * On a shared machine the wall time of a multi-threaded step mostly measures the other
 * tenants (and the kernel's autogroup scheduling shares CPU per session, not per thread), so
 * besides wall and process CPU time each run reports, from /proc/self/task/<tid>/schedstat,
 * the on-CPU time of the busiest thread (the critical path: the wall time if every thread had
 * a core to itself) and the time our threads spent runnable but waiting for a CPU.
 * Every figure is the median of --repeats runs (default 5). Trajectories are checked equal.
 *
 * Run: node --import tsx bench/school/step-threads.ts [--quick] [--repeats R] [--threads 1,2] [--sizes 2000,20000]
 */
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import {canonicalConfigs, type SchoolParameters} from '../../src/families/school/kernels/school-parameters.js'
import {simulateSchool} from '../../src/families/school/kernels/simulate-school.js'
import {createSchoolStepper} from '../../src/families/school/threads/threaded-couzin-step.js'

const arg = (name: string) => {
  const k = process.argv.indexOf(name)
  return k > 0 ? process.argv[k + 1] : undefined
}
const quick = process.argv.includes('--quick')
const repeats = Number(arg('--repeats') ?? (quick ? 3 : 5))
const threadCounts = (arg('--threads') ?? `1,${availableParallelism()}`).split(',').map(Number)
const sizes = (arg('--sizes') ?? (quick ? '2000,20000' : '1000,2000,5000,10000,20000')).split(',').map(Number)

const cpuMs = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** On-CPU and run-queue wait time (ms) of every thread of this process. */
function threadTimes(): Map<string, {run: number; wait: number}> {
  const out = new Map<string, {run: number; wait: number}>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number)
      out.set(tid, {run: run / 1e6, wait: wait / 1e6})
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out
}

interface Run {
  wall: number
  cpu: number
  busiest: number
  waited: number
  hash: string
}

async function timeSteps(p: SchoolParameters, threads: number): Promise<{runs: Run[]; threads: number}> {
  const stepper = await createSchoolStepper(p, {threads})
  for (const _ of simulateSchool({...p, n_steps: 3}, 'auto', stepper)); // warm-up (JIT in every worker)
  const runs: Run[] = []
  for (let r = 0; r < repeats; r++) {
    const before = threadTimes()
    const w0 = performance.now(),
      c0 = cpuMs()
    const hash = createHash('sha256')
    for (const f of simulateSchool(p, 'auto', stepper))
      if (f.step === p.n_steps) hash.update(f.state.positions).update(f.state.velocities)
    const wall = performance.now() - w0,
      cpu = cpuMs() - c0
    let busiest = 0,
      waited = 0
    for (const [tid, t] of threadTimes()) {
      const b = before.get(tid) ?? {run: 0, wait: 0}
      busiest = Math.max(busiest, t.run - b.run)
      waited += t.wait - b.wait
    }
    const k = p.n_steps
    runs.push({wall: wall / k, cpu: cpu / k, busiest: busiest / k, waited: waited / k, hash: hash.digest('hex')})
  }
  const used = stepper.threads
  await stepper.close()
  return {runs, threads: used}
}

const f = (x: number, d = 2) => x.toFixed(d)
console.log(
  `cores: ${availableParallelism()}, repeats: ${repeats} (medians), load average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
)
console.log(
  '| N | threads | wall ms/step | CPU ms/step (all threads) | busiest thread ms/step | run-queue wait ms/step | agent-steps/s wall | agent-steps/s on free cores |',
)
console.log('|---|---|---|---|---|---|---|---|')
for (const n of sizes) {
  const L = 25 * Math.cbrt(n / 200)
  const p: SchoolParameters = {
    ...canonicalConfigs.torus,
    torus_init: false,
    n_fish: n,
    box_size: L,
    n_steps: n >= 10000 ? 30 : 100,
  }
  let reference: string | undefined
  for (const t of threadCounts) {
    const {runs, threads} = await timeSteps(p, t)
    for (const r of runs) {
      reference ??= r.hash
      if (r.hash !== reference) throw new Error(`N = ${n}, ${threads} threads: trajectory differs from the first run`)
    }
    const wall = median(runs.map((r) => r.wall)),
      busiest = median(runs.map((r) => r.busiest))
    console.log(
      `| ${n} | ${threads} | ${f(wall)} | ${f(median(runs.map((r) => r.cpu)))} | ${f(busiest)} | ${f(median(runs.map((r) => r.waited)))} | ` +
        `${((n / wall) * 1000).toExponential(2)} | ${((n / busiest) * 1000).toExponential(2)} |`,
    )
  }
}

/** Empty steps: the hand-off alone, Atomics.wait/notify vs a postMessage round trip per worker. */
async function handOff(
  workers: number,
  mode: 'atomics' | 'message',
  steps: number,
): Promise<{wall: number; cpu: number}> {
  const code = `
const {parentPort, workerData: d} = require('node:worker_threads')
const c = new Int32Array(d.sab)
if (d.mode === 'atomics') {
  let g = 0
  parentPort.postMessage('ready')
  for (;;) { Atomics.wait(c, 0, g); g = Atomics.load(c, 0); if (c[3] === 1) break; if (Atomics.add(c, 2, 1) === d.workers - 1) Atomics.notify(c, 2) }
} else {
  parentPort.on('message', (m) => parentPort.postMessage(m))
  parentPort.postMessage('ready')
}`
  const sab = new SharedArrayBuffer(16)
  const c = new Int32Array(sab)
  const ws = Array.from({length: workers}, () => new Worker(code, {eval: true, workerData: {sab, mode, workers}}))
  await Promise.all(ws.map((w) => new Promise((resolve) => w.once('message', resolve))))
  const w0 = performance.now(),
    c0 = cpuMs()
  for (let s = 0; s < steps; s++) {
    if (mode === 'atomics') {
      Atomics.store(c, 2, 0)
      Atomics.add(c, 0, 1)
      Atomics.notify(c, 0)
      for (let d = Atomics.load(c, 2); d !== workers; d = Atomics.load(c, 2)) Atomics.wait(c, 2, d)
    } else {
      await Promise.all(
        ws.map(
          (w) =>
            new Promise((resolve) => {
              w.once('message', resolve)
              w.postMessage(s)
            }),
        ),
      )
    }
  }
  const out = {wall: ((performance.now() - w0) / steps) * 1000, cpu: ((cpuMs() - c0) / steps) * 1000}
  c[3] = 1
  Atomics.add(c, 0, 1)
  Atomics.notify(c, 0)
  await Promise.all(ws.map((w) => w.terminate()))
  return out
}

console.log('\n| hand-off per step (empty step) | workers | wall µs/step | CPU µs/step (all threads) |')
console.log('|---|---|---|---|')
for (const workers of threadCounts.filter((t) => t > 1)) {
  for (const mode of ['atomics', 'message'] as const) {
    const runs = []
    for (let r = 0; r < repeats; r++) runs.push(await handOff(workers, mode, quick ? 500 : 2000))
    console.log(
      `| ${mode === 'atomics' ? 'Atomics.wait/notify' : 'postMessage round trip'} | ${workers} | ${f(median(runs.map((r) => r.wall)), 1)} | ${f(median(runs.map((r) => r.cpu)), 1)} |`,
    )
  }
}
