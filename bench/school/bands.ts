/**
 * Spec school.md §6.4 "CI bands" on the canonical configurations at full length (the bands are
 * statistical statements about paper-size runs; shortened runs have not reached the regimes, so
 * this is a bench script, not a unit test). Prints one line per check and PASS/FAIL; exit code 1
 * when any band fails. Naive centroid (as upstream) and periodic centroid for the OSI band.
 * Run: node --import tsx bench/school/bands.ts
 */
import {canonicalConfigs, type CanonicalConfigName} from '../../src/families/school/kernels/school-parameters.js'
import {runSchool} from '../../src/families/school/pipeline/simulate.js'

type Check = [label: string, value: number, lo: number, hi: number]

async function finals(name: CanonicalConfigName, centroid: 'naive' | 'periodic') {
  const r = await runSchool(canonicalConfigs[name], {centroid, createdAt: ''})
  return r.summary
}

const checks: [CanonicalConfigName, Check[]][] = []
const swarm = await finals('swarm', 'naive')
checks.push([
  'swarm',
  [
    ['P_final < 0.12', swarm.polarization.final, -Infinity, 0.12],
    ['OSI_final in [0.69, 0.73]', swarm.oceanic_schooling_index.final, 0.69, 0.73],
  ],
])
const dyn = await finals('dynamic-parallel', 'naive')
checks.push([
  'dynamic-parallel',
  [
    ['P_final > 0.96', dyn.polarization.final, 0.96, Infinity],
    ['H_vel_final < 0.25', dyn.velocity_correlation_entropy.final, -Infinity, 0.25],
  ],
])
const hp = await finals('highly-parallel', 'naive')
const hpPbc = await finals('highly-parallel', 'periodic')
checks.push([
  'highly-parallel',
  [
    ['P_final > 0.99', hp.polarization.final, 0.99, Infinity],
    ['H_vel_final < 0.02', hp.velocity_correlation_entropy.final, -Infinity, 0.02],
    ['OSI_final (naive) in [0.18, 0.36]', hp.oceanic_schooling_index.final, 0.18, 0.36],
    ['OSI_final (periodic) in [0.28, 0.36]', hpPbc.oceanic_schooling_index.final, 0.28, 0.36],
  ],
])
const torus = await finals('torus', 'naive')
checks.push(['torus', [['P_final in [0.05, 0.9] (no milling assertion)', torus.polarization.final, 0.05, 0.9]]])

let failed = 0
for (const [name, list] of checks) {
  for (const [label, v, lo, hi] of list) {
    const ok = v >= lo && v <= hi
    if (!ok) failed++
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(17)} ${label.padEnd(40)} ${v.toFixed(4)}`)
  }
}
process.exitCode = failed > 0 ? 1 : 0
