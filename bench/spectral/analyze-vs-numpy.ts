/**
 * bench/spectral: `infolens spectral analyze` wall time on a generated checkpoint against NumPy doing the same
 * ESD + fit (float64 Gram + eigvalsh + WWFit) on the same file in the same run. WeightWatcher cannot be
 * installed here (no PyPI), so NumPy's linear algebra is the baseline (WW's default path is a full SVD,
 * slower than Gram + eigvalsh, spec §7).
 * Usage: node --import tsx bench/spectral/analyze-vs-numpy.ts [--layers 8] [--size 1024]
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {writeSafetensors} from '../../src/io/safetensors/index.js'

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : def
}
const layers = arg('layers', 8)
const size = arg('size', 1024)

function heavyTailed(rows: number, cols: number, seed: number): Float32Array {
  let s = seed >>> 0
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32
  const out = new Float32Array(rows * cols)
  for (let i = 0; i < out.length; i++) out[i] = 0.02 * Math.sign(u() - 0.5) * (u() ** -(1 / 3) - 1) // Pareto-like entries
  return out
}

const dir = mkdtempSync(join(tmpdir(), 'bench-spectral-'))
const file = join(dir, 'model.safetensors')
const tensors = Array.from({length: layers}, (_, i) => {
  const [r, c] = i % 2 === 0 ? [size, size] : [4 * size, size]
  return {name: `layers.${i}.weight`, dtype: 'F32' as const, shape: [r, c], data: heavyTailed(r, c, i + 1)}
})
await writeSafetensors(file, tensors)

const run = (cmd: string, args: string[]) => {
  const t = performance.now()
  const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 1 << 28})
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`)
  return {wall: (performance.now() - t) / 1000, stdout: r.stdout}
}
const ours = run(process.execPath, [new URL('../../bin/run.js', import.meta.url).pathname, 'spectral', 'analyze', file, '--json'])
const report = JSON.parse(ours.stdout)
const np = run('python3', [new URL('numpy_esd.py', import.meta.url).pathname, file])
const npJson = JSON.parse(np.stdout)
console.log(`checkpoint: ${layers} layers alternating ${size}x${size} and ${4 * size}x${size} F32 (${file})`)
console.log(`infolens spectral analyze: ${ours.wall.toFixed(2)} s wall (analyze stage ${report.timings.analyze?.toFixed?.(2) ?? report.timings.analyze} ; linalg ${report.engine.lapack}, ${report.engine.threads} threads)`)
console.log(`numpy Gram+eigvalsh+WWFit: ${np.wall.toFixed(2)} s wall (linalg ${npJson.linalg_s.toFixed(2)} s, fit ${npJson.fit_s.toFixed(2)} s)`)
console.log(`ratio infolens / numpy wall: ${(ours.wall / np.wall).toFixed(2)}; infolens / numpy linalg-only: ${(ours.wall / npJson.linalg_s).toFixed(2)}`)
