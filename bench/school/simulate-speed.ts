/**
 * School simulation and metric speed vs the NumPy reference (test/fixtures/school/reference.py,
 * which implements the same rule vectorised over pairs, like dewi-kadita's NumPy path, and the
 * metrics with scipy's periodic cKDTree).
 *
 * Reports wall and CPU time (process CPU seconds: on a shared, loaded machine wall time mostly
 * measures the other tenants) and the CPU-time ratio to NumPy measured in the same run.
 * The large-N rows run the step on one thread and on all cores (`threaded-couzin-step.ts`,
 * bit-identical), median of --repeats runs (default 3); bench/school/step-threads.ts has the
 * per-thread break-down and the crossover.
 * Run: node --import tsx bench/school/simulate-speed.ts [--quick] [--repeats R]
 */
import {spawnSync} from 'node:child_process'
import {SchoolMetrics, metricNames} from '../../src/families/school/kernels/school-metrics.js'
import {canonicalConfigs, type SchoolParameters} from '../../src/families/school/kernels/school-parameters.js'
import {simulateSchool} from '../../src/families/school/kernels/simulate-school.js'
import {availableParallelism} from 'node:os'
import type {SchoolStepper} from '../../src/families/school/kernels/simulate-school.js'
import {createSchoolStepper} from '../../src/families/school/threads/threaded-couzin-step.js'

const quick = process.argv.includes('--quick')
const cpuMs = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

interface Timing {
  simWall: number
  simCpu: number
  metricWall: number
  metricCpu: number
  frames: number
}

function timeRun(p: SchoolParameters, withMetrics: boolean, stepper?: SchoolStepper): Timing {
  const metrics = withMetrics ? new SchoolMetrics(p.n_fish, p.box_size, 'naive') : null
  const row = new Float64Array(metricNames.length)
  let metricWall = 0,
    metricCpu = 0,
    frames = 0
  const w0 = performance.now(),
    c0 = cpuMs()
  for (const f of simulateSchool(p, 'auto', stepper)) {
    frames++
    if (!metrics) continue
    const w = performance.now(),
      c = cpuMs()
    metrics.compute(f.state.positions, f.state.velocities, row)
    metricWall += performance.now() - w
    metricCpu += cpuMs() - c
  }
  return {simWall: performance.now() - w0 - metricWall, simCpu: cpuMs() - c0 - metricCpu, metricWall, metricCpu, frames}
}

/** NumPy reference: ms per step and per metrics frame, wall and CPU (time.process_time). */
function numpyTimes(
  name: string,
  steps: number,
): {stepWall: number; stepCpu: number; metricWall: number; metricCpu: number} {
  const py = [
    'import sys, time, json',
    "sys.path.insert(0, 'test/fixtures/school')",
    'import reference as R',
    `p = dict(R.CONFIGS['${name}'])`,
    'pos, vel = R.initial_state(p)',
    `w, c = time.perf_counter(), time.process_time()`,
    `for _ in range(${steps}): pos, vel = R.step(pos, vel, p)`,
    `sw, sc = time.perf_counter() - w, time.process_time() - c`,
    `w, c = time.perf_counter(), time.process_time()`,
    `for _ in range(${steps}): R.metrics(pos, vel, p['box_size'])`,
    `mw, mc = time.perf_counter() - w, time.process_time() - c`,
    `print(json.dumps([x * 1000 / ${steps} for x in (sw, sc, mw, mc)]))`,
  ].join('\n')
  const r = spawnSync('python3', ['-c', py], {
    encoding: 'utf8',
    env: {...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1'},
  })
  if (r.status !== 0) return {stepWall: NaN, stepCpu: NaN, metricWall: NaN, metricCpu: NaN}
  const [stepWall, stepCpu, metricWall, metricCpu] = JSON.parse(r.stdout) as number[]
  return {stepWall, stepCpu, metricWall, metricCpu}
}

const f = (x: number, d = 3) => x.toFixed(d)
console.log(
  '| case | N × steps | sim ms/step wall (cpu) | metrics ms/frame wall (cpu) | run CPU s | NumPy ms/step cpu | NumPy metrics ms/frame cpu | CPU ratio step / metrics |',
)
console.log('|---|---|---|---|---|---|---|---|')
for (const name of ['swarm', 'torus', 'dynamic-parallel', 'highly-parallel'] as const) {
  const p = {...canonicalConfigs[name], n_steps: quick ? 100 : canonicalConfigs[name].n_steps}
  timeRun({...p, n_steps: 50}, true) // warm-up (JIT)
  const t = timeRun(p, true)
  const np = numpyTimes(name, quick ? 10 : 30)
  const simCpu = t.simCpu / p.n_steps
  const metCpu = t.metricCpu / t.frames
  console.log(
    `| ${name} | ${p.n_fish} × ${p.n_steps} | ${f(t.simWall / p.n_steps)} (${f(simCpu)}) | ${f(t.metricWall / t.frames)} (${f(metCpu)}) | ` +
      `${f((t.simCpu + t.metricCpu) / 1000, 2)} | ${f(np.stepCpu, 1)} | ${f(np.metricCpu, 2)} | ${f(np.stepCpu / simCpu, 0)}× / ${f(np.metricCpu / metCpu, 0)}× |`,
  )
}
const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 3
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(
  `\n| large N (grid) | L | threads | sim ms/step wall (cpu), median of ${repeats} | agent-steps/s wall (cpu) | metrics ms/frame (cpu) |`,
)
console.log('|---|---|---|---|---|---|')
for (const n of quick ? [2000] : [2000, 20000]) {
  // Density and radii of the torus case (r_a = 10), box scaled with N so the grid is used.
  // Enough steps for several Verlet-list rebuilds (one per ~7 steps here), so their cost is amortised as in a run.
  const L = 25 * Math.cbrt(n / 200)
  const p: SchoolParameters = {
    ...canonicalConfigs.torus,
    torus_init: false,
    n_fish: n,
    box_size: L,
    n_steps: n > 5000 ? 30 : 100,
  }
  const m = timeRun({...p, n_steps: 2}, true)
  for (const threads of [...new Set([1, availableParallelism()])]) {
    const stepper = await createSchoolStepper(p, {threads})
    timeRun({...p, n_steps: 3}, false, stepper)
    const runs = Array.from({length: repeats}, () => timeRun(p, false, stepper))
    await stepper.close()
    const wall = median(runs.map((t) => t.simWall)) / p.n_steps,
      cpu = median(runs.map((t) => t.simCpu)) / p.n_steps
    console.log(
      `| ${n} | ${f(L, 1)} | ${stepper.threads} | ${f(wall, 2)} (${f(cpu, 2)}) | ${((n / wall) * 1000).toExponential(2)} (${((n / cpu) * 1000).toExponential(2)}) | ${f(m.metricCpu / m.frames, 1)} |`,
    )
  }
}
