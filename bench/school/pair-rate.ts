/**
 * All-pairs step rate (issue 15) and per-frame metric time at large N, CPU time, min of --repeats
 * interleaved runs (the VM is shared): the WebAssembly SIMD pair kernel vs the TypeScript loop (both
 * bit-identical) in the paper's swarm box (L = 25, r_a = 15 > L/2, so every step is all pairs),
 * pair interactions/s = N(N−1)/2 unordered pairs per step / CPU s; and the NumPy reference's
 * vectorised step (test/fixtures/school/reference.py) on the same configuration. Metrics: the
 * density-scaled box of simulate-speed.ts: the SIMD velocity-correlation kernel on one thread and
 * split over two (threaded-heading-pairs.ts; CPU of all threads and wall time), and the TypeScript
 * loop; all give the same counts. "busiest thread" is the on-CPU time of the busiest thread
 * (/proc/self/task/<tid>/schedstat), the frame's wall time if each thread had a core of its own.
 * The first repeat includes V8's baseline-compiled first call.
 * Run: npm run bench -- school/pair-rate [--sizes 2000,5000] [--repeats 3] [--metrics 20000]
 */
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {CouzinStepper, type PairKernel} from '../../src/families/school/kernels/couzin-step.js'
import {initialState} from '../../src/families/school/kernels/initial-state.js'
import {SchoolMetrics} from '../../src/families/school/kernels/school-metrics.js'
import {canonicalConfigs} from '../../src/families/school/kernels/school-parameters.js'
import {NumpyRandomState} from '../../src/core/random/numpy-mt19937.js'
import {startThreadedHeadingPairs} from '../../src/families/school/threads/threaded-heading-pairs.js'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('--sizes', '2000,5000').split(',').map(Number)
const repeats = Number(arg('--repeats', '3'))
const metricsN = Number(arg('--metrics', '20000'))
const cpuMs = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

function stepMs(n: number, kernel: PairKernel, steps: number): number {
  const p = {...canonicalConfigs.swarm, n_fish: n}
  const rng = new NumpyRandomState(p.seed)
  const s = initialState(p, rng)
  const st = new CouzinStepper(p, 'all-pairs', undefined, undefined, kernel)
  st.step(s, rng) // warm-up (and tier-up)
  st.step(s, rng)
  const c0 = cpuMs()
  for (let k = 0; k < steps; k++) st.step(s, rng)
  return (cpuMs() - c0) / steps
}

function numpyStepMs(n: number): number {
  const py = [
    'import sys, time',
    "sys.path.insert(0, 'test/fixtures/school')",
    'import reference as R',
    `p = dict(R.CONFIGS['swarm']); p['n_fish'] = ${n}`,
    'pos, vel = R.initial_state(p)',
    'pos, vel = R.step(pos, vel, p)',
    'c = time.process_time()',
    'pos, vel = R.step(pos, vel, p)',
    'print((time.process_time() - c) * 1000)',
  ].join('\n')
  const r = spawnSync('python3', ['-c', py], {encoding: 'utf8', env: {...process.env, OMP_NUM_THREADS: '1'}})
  return r.status === 0 ? Number(r.stdout) : NaN
}

const rate = (n: number, ms: number) => ((n * (n - 1)) / 2 / ms) * 1000
console.log(`| N | wasm ms/step | pairs/s | TypeScript ms/step | pairs/s | NumPy ms/step | wasm ÷ TS | NumPy ÷ wasm |`)
console.log('|---|---|---|---|---|---|---|---|')
for (const n of sizes) {
  const steps = Math.max(1, Math.round(2e7 / (n * n)))
  const w: number[] = [],
    t: number[] = []
  for (let r = 0; r < repeats; r++) {
    w.push(stepMs(n, 'wasm', steps))
    t.push(stepMs(n, 'typescript', steps))
  }
  const wm = Math.min(...w),
    tm = Math.min(...t),
    np = n <= 5000 ? numpyStepMs(n) : NaN
  console.log(
    `| ${n} | ${wm.toFixed(1)} | ${rate(n, wm).toExponential(2)} | ${tm.toFixed(1)} | ${rate(n, tm).toExponential(2)} | ` +
      `${np.toFixed(0)} | ${(tm / wm).toFixed(2)}× | ${(np / wm).toFixed(1)}× |`,
  )
}

const L = 25 * Math.cbrt(metricsN / 200)
const p = {...canonicalConfigs.torus, torus_init: false, n_fish: metricsN, box_size: L}
const state = initialState(p, new NumpyRandomState(p.seed))
const pairs = await startThreadedHeadingPairs(metricsN, SchoolMetrics.velocityCorrelationEdges)
const variants = [
  ['SIMD, 1 thread', new SchoolMetrics(metricsN, L, 'naive')],
  ['SIMD, 2 threads', pairs ? new SchoolMetrics(metricsN, L, 'naive', 'wasm', pairs) : undefined],
  ['TypeScript loop', new SchoolMetrics(metricsN, L, 'naive', 'typescript')],
] as const
/** On-CPU ms of every thread of this process (/proc/self/task/<tid>/schedstat, as step-threads.ts). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync('/proc/self/task'))
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6)
    } catch {
      // a thread that ended meanwhile
    }
  return out
}
const times = variants.map(() => ({cpu: [] as number[], wall: [] as number[], busiest: [] as number[]}))
for (let r = 0; r < repeats; r++)
  variants.forEach(([, m], k) => {
    if (!m) return
    const t0 = threadCpuMs(),
      c0 = cpuMs(),
      w0 = performance.now()
    m.compute(state.positions, state.velocities)
    times[k].wall.push(performance.now() - w0)
    times[k].cpu.push(cpuMs() - c0)
    const t1 = threadCpuMs()
    times[k].busiest.push(Math.max(...[...t1].map(([tid, ms]) => ms - (t0.get(tid) ?? 0))))
  })
await pairs?.close()
console.log(`\nmetrics N = ${metricsN}, L = ${L.toFixed(1)}, ms/frame, min of ${repeats} interleaved:`)
variants.forEach(([name, m], k) => {
  if (m)
    console.log(
      `  ${name}: ${Math.min(...times[k].cpu).toFixed(0)} CPU (all threads), ` +
        `${Math.min(...times[k].busiest).toFixed(0)} busiest thread, ${Math.min(...times[k].wall).toFixed(0)} wall`,
    )
})
