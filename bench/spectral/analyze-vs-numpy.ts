/**
 * bench/spectral: `infolens spectral analyze` (whole CLI: read, Gram, eigvalsh, fits, report) against NumPy doing
 * the same ESD + fit (float64 Gram + eigvalsh + WWFit, numpy_esd.py) on the same file in the same run, with wall
 * time and peak RSS (/usr/bin/time) of both. WeightWatcher cannot be installed here (no PyPI); its default path is
 * a full SVD, slower than Gram + eigvalsh (spec §7), so NumPy's linear algebra is the baseline the issue names.
 *
 * Checkpoints are generated into bench/out/ (gitignored):
 *   model   : --layers (8) tensors alternating size×size and 4size×size F32 (--size 1024)
 *   big     : one 4096×11008 F32 matrix (--big; ~180 MB on disk, 360 MB as float64)
 * infolens runs twice per checkpoint: cold spectra cache (every layer solved) and warm (no solves).
 * Usage: node --import tsx bench/spectral/analyze-vs-numpy.ts [--layers 8] [--size 1024] [--big] [--threads N]
 *        [--python /usr/bin/python3]   (which NumPy: e.g. Debian's, linked to the same system OpenBLAS as the addon)
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {writeSafetensors} from '../../src/core/safetensors/index.js'

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : def
}
const layers = arg('layers', 8)
const size = arg('size', 1024)
const threads = process.argv.includes('--threads') ? ['--threads', String(arg('threads', 1))] : []
const pi = process.argv.indexOf('--python')
const python = pi > 0 ? process.argv[pi + 1] : 'python3'
const out = new URL('../out/spectral/', import.meta.url).pathname
mkdirSync(out, {recursive: true})

/** Heavy-tailed entries (symmetric Pareto-like, tail index 3) from a seeded LCG. */
function heavyTailed(rows: number, cols: number, seed: number): Float32Array {
  let s = seed >>> 0
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32
  const data = new Float32Array(rows * cols)
  for (let i = 0; i < data.length; i++) data[i] = 0.02 * Math.sign(u() - 0.5) * (u() ** -(1 / 3) - 1)
  return data
}

function ensureCheckpoint(name: string, shapes: [number, number][]): string {
  const file = join(out, name, 'model.safetensors')
  if (existsSync(file)) return file
  mkdirSync(join(out, name), {recursive: true})
  writeSafetensors(
    file,
    shapes.map(([r, c], i) => ({
      name: `layers.${i}.weight`,
      dtype: 'F32' as const,
      shape: [r, c],
      data: heavyTailed(r, c, i + 1),
    })),
  )
  return file
}

/** Runs a command under /usr/bin/time: wall seconds, peak RSS in MB, stdout. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {encoding: 'utf8', maxBuffer: 1 << 28, env})
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`)
  const [wall, rssKb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  return {wall, rssMb: rssKb / 1024, stdout: r.stdout}
}

function bench(label: string, file: string) {
  const cacheDir = join(out, 'cache')
  rmSync(cacheDir, {recursive: true, force: true})
  const env = {...process.env, INFOLENS_CACHE_DIR: cacheDir}
  const cli = [new URL('../../bin/run.js', import.meta.url).pathname, 'spectral', 'analyze', file, '--json', ...threads]
  const cold = timed(process.execPath, cli, env)
  const warm = timed(process.execPath, cli, env)
  const np = timed(python, [new URL('numpy_esd.py', import.meta.url).pathname, file])
  const report = JSON.parse(cold.stdout)
  const warmReport = JSON.parse(warm.stdout)
  const npJson = JSON.parse(np.stdout)
  const t = report.timings
  console.log(`\n== ${label} (${file})`)
  console.log(
    `infolens (cold cache): ${cold.wall.toFixed(2)} s wall, peak RSS ${cold.rssMb.toFixed(0)} MB; analyze stage ${Number(t.analyze).toFixed(2)} s, checksum ${Number(t.checksum ?? 0).toFixed(2)} s; linalg ${report.engine.lapack}, ${report.engine.threads} threads; solved ${report.result.cache.solved}, cached ${report.result.cache.cached}`,
  )
  console.log(
    `infolens (warm cache): ${warm.wall.toFixed(2)} s wall, peak RSS ${warm.rssMb.toFixed(0)} MB; solved ${warmReport.result.cache.solved}, cached ${warmReport.result.cache.cached}`,
  )
  console.log(
    `numpy (${python}) Gram+eigvalsh+WWFit: ${np.wall.toFixed(2)} s wall (linalg ${npJson.linalg_s.toFixed(2)} s, fit ${npJson.fit_s.toFixed(2)} s), peak RSS ${np.rssMb.toFixed(0)} MB`,
  )
  console.log(
    `ratio infolens cold / numpy wall: ${(cold.wall / np.wall).toFixed(2)}; cold / numpy linalg-only: ${(cold.wall / npJson.linalg_s).toFixed(2)}; warm / numpy wall: ${(warm.wall / np.wall).toFixed(2)}`,
  )
  return {cold, warm, np}
}

const shapes = Array.from({length: layers}, (_, i): [number, number] => (i % 2 === 0 ? [size, size] : [4 * size, size]))
bench(
  `${layers} layers alternating ${size}x${size} and ${4 * size}x${size} F32`,
  ensureCheckpoint(`model-${layers}x${size}`, shapes),
)
if (process.argv.includes('--big')) {
  const r = bench('one 4096x11008 F32 matrix', ensureCheckpoint('big-4096x11008', [[4096, 11008]]))
  const f64Mb = (4096 * 11008 * 8) / 2 ** 20
  console.log(
    `streaming bound (spec): 4 × ${f64Mb.toFixed(0)} MB + 300 MB = ${(4 * f64Mb + 300).toFixed(0)} MB; measured ${r.cold.rssMb.toFixed(0)} MB`,
  )
}
