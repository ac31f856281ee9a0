/**
 * School simulation and metric speed vs the NumPy reference (test/fixtures/school/reference.py,
 * which implements the same rule vectorised over pairs, like dewi-kadita's NumPy path).
 * Run: node --import tsx bench/school/simulate-speed.ts [--quick]
 */
import {spawnSync} from 'node:child_process'
import {SchoolMetrics} from '../../src/kernels/school/school-metrics.js'
import {canonicalConfigs, type SchoolParameters} from '../../src/kernels/school/school-parameters.js'
import {simulateSchool} from '../../src/kernels/school/simulate-school.js'

const quick = process.argv.includes('--quick')

function timeRun(p: SchoolParameters, withMetrics: boolean): {simMs: number; metricMs: number} {
  const metrics = withMetrics ? new SchoolMetrics(p.n_fish, p.box_size, 'naive') : null
  let metricMs = 0
  const t0 = performance.now()
  for (const f of simulateSchool(p)) {
    if (!metrics) continue
    const t = performance.now()
    metrics.compute(f.state.positions, f.state.velocities)
    metricMs += performance.now() - t
  }
  return {simMs: performance.now() - t0 - metricMs, metricMs}
}

function numpyMsPerStep(name: string, steps: number): number {
  const py = `import sys, time, numpy as np\nsys.path.insert(0, 'test/fixtures/school')\nimport reference as R\np = dict(R.CONFIGS['${name}'])\npos, vel = R.initial_state(p)\nt = time.perf_counter()\nfor _ in range(${steps}): pos, vel = R.step(pos, vel, p)\nprint((time.perf_counter() - t) * 1000 / ${steps})`
  const r = spawnSync('python3', ['-c', py], {encoding: 'utf8'})
  return r.status === 0 ? Number(r.stdout.trim()) : NaN
}

const rows: string[] = []
for (const name of ['swarm', 'torus', 'dynamic-parallel', 'highly-parallel'] as const) {
  const p = {...canonicalConfigs[name], n_steps: quick ? 100 : canonicalConfigs[name].n_steps}
  timeRun({...p, n_steps: 20}, true) // warm-up
  const {simMs, metricMs} = timeRun(p, true)
  const msStep = simMs / p.n_steps
  const npMs = numpyMsPerStep(name, quick ? 10 : 30)
  rows.push(`${name.padEnd(16)} N=${p.n_fish} steps=${p.n_steps}: sim ${msStep.toFixed(3)} ms/step, metrics ${(metricMs / (p.n_steps + 1)).toFixed(3)} ms/frame, ` +
    `run total ${((simMs + metricMs) / 1000).toFixed(2)} s, ${(p.n_fish / msStep * 1000).toExponential(2)} agent-steps/s; numpy reference ${npMs.toFixed(2)} ms/step → ratio ${(npMs / msStep).toFixed(1)}x`)
}
for (const n of quick ? [2000] : [2000, 20000]) {
  // Density and radii of the torus case (r_a = 10), box scaled with N so the grid is used.
  const L = 25 * Math.cbrt(n / 200)
  const p: SchoolParameters = {...canonicalConfigs.torus, torus_init: false, n_fish: n, box_size: L, n_steps: n > 5000 ? 5 : 20}
  timeRun({...p, n_steps: 2}, false)
  const {simMs} = timeRun(p, false)
  const msStep = simMs / p.n_steps
  rows.push(`large N=${n} L=${L.toFixed(1)} (grid): sim ${msStep.toFixed(2)} ms/step, ${(n / msStep * 1000).toExponential(2)} agent-steps/s`)
}
console.log(rows.join('\n'))
