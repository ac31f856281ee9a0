/**
 * bench/spectral: where `spectral analyze`'s time goes, per layer and per stage, in wall seconds and in CPU
 * seconds of this process (process.cpuUsage: every thread, OpenBLAS's included). Runs the stages one after the
 * other on the calling thread with one OpenBLAS thread, so each CPU figure is that stage's own cost and does not
 * depend on the machine's load the way wall time does.
 * Stages: read (bytes from disk, an F32 tensor as float32: no decoding), decode F32→F64 in JS and the full finite
 * scan (both what the pipeline did before it handed float32 to the solver and tested only the Gram's diagonal;
 * kept here for comparison), Gram from float64 input, Gram from float32 input (the addon widens it; checked
 * bit-identical), eigvalsh, ESD + metrics (fits), cache put (σ sort, SHA-256, fsync'd writes); once per file:
 * SHA-256 of the whole file (the cache key and the report's input fingerprint share it).
 * Usage: node --import tsx bench/spectral/stage-breakdown.ts [FILE] (default: the analyze-vs-numpy 8-layer model)
 */
import {rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fingerprintFile} from '../../src/core/io/checksum.js'
import {openCheckpoint} from '../../src/core/checkpoint/index.js'
import {assertFinite} from '../../src/core/linalg/assert-finite.js'
import {chooseEigensolver} from '../../src/core/linalg/eigensolver-registry.js'
import {combineEsd, matrixGeometry} from '../../src/families/spectral/kernels/esd.js'
import {layerMetrics} from '../../src/families/spectral/kernels/layer-metrics.js'
import {openSpectraCache} from '../../src/families/spectral/pipeline/cached-spectra.js'

const file = process.argv[2] ?? new URL('../out/spectral/model-8x1024/model.safetensors', import.meta.url).pathname
const solver = chooseEigensolver('auto')
solver.setThreads(1)
const cacheDir = join(tmpdir(), `infolens-stage-breakdown-${process.pid}`)
const cache = openSpectraCache(cacheDir)!

const totals = new Map<string, {wall: number; cpu: number}>()
async function stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const out = await fn()
  const wall = (performance.now() - t0) / 1000
  const c = process.cpuUsage(c0)
  const t = totals.get(name) ?? {wall: 0, cpu: 0}
  t.wall += wall
  t.cpu += (c.user + c.system) / 1e6
  totals.set(name, t)
  return out
}

const ck = await openCheckpoint(file)
await stage('sha256 of file (once)', () => fingerprintFile(file))
for (const entry of ck.tensors) {
  const g = matrixGeometry(entry.shape)
  if (!g || g.layer_type !== 'dense') continue
  const f32 = await stage('read F32 bytes', () => ck.readFloat32(entry))
  const f64 = await stage('decode F32→F64 in JS (old)', () => Float64Array.from(f32))
  await stage('full finite scan (old)', () => assertFinite(f64, g.rows, g.cols, entry.name))
  const gram64 = await stage('Gram (float64 input)', () => solver.gram(f64, g.rows, g.cols))
  const gram32 = await stage('Gram (float32 input)', () => solver.gram(f32, g.rows, g.cols))
  await stage('Gram diagonal check', () => {
    for (let i = 0; i < g.M; i++)
      if (!Number.isFinite(gram32[i * g.M + i])) throw new Error(`${entry.name}: non-finite`)
  })
  if (!gram32.every((v, i) => v === gram64[i])) throw new Error(`${entry.name}: Gram from float32 input differs`)
  const evals = await stage('eigvalsh', () => solver.eigvalsh(gram64, g.M))
  await stage('ESD + metrics (fit)', () => layerMetrics(combineEsd([evals], g), g, {fixFingers: 'none', mpFit: false}))
  await stage('cache put', () => cache.put(entry, [evals]))
}
await ck.close()
rmSync(cacheDir, {recursive: true, force: true})
console.log(`${file}, one OpenBLAS thread, stages run one after the other`)
console.log('stage                          wall s   CPU s')
for (const [name, t] of totals)
  console.log(`${name.padEnd(30)} ${t.wall.toFixed(3).padStart(7)} ${t.cpu.toFixed(3).padStart(7)}`)
