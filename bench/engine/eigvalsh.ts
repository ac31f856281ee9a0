/**
 * Float64 linear algebra against numpy on the same matrix in the same run (issue 3 §3):
 * eigvalsh at n = 512, 1024, 2048, svdvals at n = 1024, and the spectral workload, a
 * 4096 x 11008 float32 matrix → float64 Gram AAᵀ → eigvalsh, for every available path
 * (native LAPACK addon, TypeScript fallback), each with its ratio to numpy; then tfjs float32
 * matmul GFLOP/s (wasm vs cpu). CPU-seconds are printed next to wall seconds because shared
 * machines are loaded: the CPU ratio is the fair one, the wall ratio what a user waits.
 *
 *   npm run bench -- linalg [--sizes 512,1024,2048] [--repeats 3] [--threads 1]
 *                           [--big 4096x11008 | --big none] [--python /usr/bin/python3] [--no-tfjs]
 *
 * numpy: Debian's /usr/bin/python3 is preferred (its numpy calls the system OpenBLAS, the same
 * library the addon links), else `python3` on PATH; without numpy the ratios are skipped.
 * The big case runs once per path (tens of seconds for the TypeScript path).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {availableEigensolvers} from '../../src/core/linalg/eigensolver-registry.js'
import type {LinalgSolver} from '../../src/core/linalg/linalg-solver.js'
import {selectEngine, tensorflow} from '../../src/core/engine/tensor-engine.js'

interface Timing {
  wall: number
  cpu: number
}
interface NumpyTiming extends Timing {
  gram?: Timing
  numpy: string
  blas: string
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('sizes', '512,1024,2048').split(',').filter(Boolean).map(Number)
const repeats = Number(arg('repeats', '3'))
const threads = Number(arg('threads', '1'))
const big = arg('big', '4096x11008')
const outDir = new URL('../out/', import.meta.url).pathname
mkdirSync(outDir, {recursive: true})
const python = findPython(arg('python', ''))

function findPython(requested: string): string | undefined {
  const candidates = requested ? [requested] : ['/usr/bin/python3', 'python3']
  for (const py of candidates) {
    const probe = spawnSync(py, ['-c', 'import numpy'], {encoding: 'utf8'})
    if (probe.status === 0) return py
  }
  return undefined
}

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296 - 0.5)
}

function goe(n: number, seed: number): Float64Array {
  const rnd = rng(seed)
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rnd()
  return a
}

function measure(fn: () => unknown, times: number, warm: boolean): Timing {
  if (warm) fn() // JIT / first-touch warm-up
  const walls: number[] = []
  const cpus: number[] = []
  for (let r = 0; r < times; r++) {
    const c0 = process.cpuUsage()
    const w0 = performance.now()
    fn()
    walls.push((performance.now() - w0) / 1000)
    const c = process.cpuUsage(c0)
    cpus.push((c.user + c.system) / 1e6)
  }
  const med = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]
  return {wall: med(walls), cpu: med(cpus)}
}

function numpy(
  op: string,
  a: Float64Array | Float32Array,
  rows: number,
  cols: number,
  times: number,
): NumpyTiming | undefined {
  if (!python) return undefined
  const dtype = a instanceof Float32Array ? 'f4' : 'f8'
  const path = `${outDir}engine-${op}-${rows}x${cols}.${dtype}`
  writeFileSync(path, Buffer.from(a.buffer, a.byteOffset, a.byteLength))
  const py = spawnSync(
    python,
    [
      new URL('eigvalsh_numpy.py', import.meta.url).pathname,
      op,
      path,
      String(rows),
      String(cols),
      String(times),
      dtype,
    ],
    {
      encoding: 'utf8',
      env: {...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads)},
      maxBuffer: 1 << 20,
    },
  )
  if (py.status !== 0) {
    console.log(`numpy failed (${python}): ${py.stderr.trim().split('\n').pop()}`)
    return undefined
  }
  return JSON.parse(py.stdout) as NumpyTiming
}

const fmt = (t: Timing) => `${t.wall.toFixed(3)} s wall / ${t.cpu.toFixed(3)} s cpu`
const ratio = (t: Timing, ref: Timing | undefined) =>
  ref
    ? `  ratio ${(t.cpu / ref.cpu).toFixed(2)}x cpu, ${(t.wall / ref.wall).toFixed(2)}x wall`
    : '  ratio skipped (no numpy)'

function report(title: string, ref: NumpyTiming | undefined, paths: {id: string; t: Timing; detail?: string}[]): void {
  console.log(`\n${title}`)
  console.log(
    `  ${'numpy'.padEnd(10)} ${ref ? fmt(ref) : 'n/a (no python3 with numpy: ratios skipped)'}${ref?.gram ? `  (gram ${fmt(ref.gram)})` : ''}`,
  )
  for (const p of paths) console.log(`  ${p.id.padEnd(10)} ${fmt(p.t)}${ratio(p.t, ref)}${p.detail ?? ''}`)
}

const solvers = availableEigensolvers()
for (const s of solvers) s.setThreads(threads)
console.log(
  `linalg bench: paths ${solvers.map((s) => s.id).join(', ')}; threads ${threads}; repeats ${repeats} (median)`,
)
if (python) {
  const info = numpy('eigvalsh', goe(8, 1), 8, 8, 1)
  console.log(`numpy ${info?.numpy ?? '?'} via ${python}, BLAS ${info?.blas ?? '?'}`)
} else console.log('numpy: no python3 with numpy found; every ratio is skipped')

for (const n of sizes) {
  const a = goe(n, n)
  const ref = numpy('eigvalsh', a, n, n, repeats)
  report(
    `eigvalsh n=${n}`,
    ref,
    solvers.map((s) => ({id: s.id, t: measure(() => s.eigvalsh(a, n), repeats, true)})),
  )
}
{
  const n = 1024
  const a = goe(n, 99)
  const ref = numpy('svdvals', a, n, n, repeats)
  report(
    `svdvals n=${n}`,
    ref,
    solvers.map((s) => ({id: s.id, t: measure(() => s.svdvals(a, n, n), repeats, true)})),
  )
}
if (big !== 'none') {
  const [rows, cols] = big.split('x').map(Number)
  const rnd = rng(7)
  const a = Float32Array.from({length: rows * cols}, () => rnd())
  const ref = numpy('gram-eig', a, rows, cols, 1)
  const paths = solvers.map((s) => gramEig(s, a, rows, cols))
  report(`gram + eigvalsh ${rows}x${cols} float32 → float64 (1 run each)`, ref, paths)
}

function gramEig(
  s: LinalgSolver,
  a: Float32Array,
  rows: number,
  cols: number,
): {id: string; t: Timing; detail: string} {
  const n = Math.min(rows, cols)
  let g: Float64Array = new Float64Array(0)
  const tg = measure(() => (g = s.gram(a, rows, cols)), 1, false)
  const te = measure(() => s.eigvalsh(g, n), 1, false)
  return {id: s.id, t: {wall: tg.wall + te.wall, cpu: tg.cpu + te.cpu}, detail: `  (gram ${fmt(tg)}, eig ${fmt(te)})`}
}

if (!process.argv.includes('--no-tfjs')) {
  console.log('')
  for (const backend of ['wasm', 'cpu'] as const) {
    await selectEngine({backend, onWarning: () => {}})
    const tf = await tensorflow()
    for (const n of backend === 'cpu' ? [512] : [512, 1024]) {
      const x = tf.randomUniform([n, n])
      const run = async () => {
        const c = tf.matMul(x, x)
        await c.data()
        c.dispose()
      }
      await run()
      const w0 = performance.now()
      for (let r = 0; r < repeats; r++) await run()
      const sec = (performance.now() - w0) / 1000 / repeats
      console.log(
        `tfjs matmul float32 ${backend} n=${n}  ${sec.toFixed(3)} s  ${((2 * n ** 3) / sec / 1e9).toFixed(1)} GFLOP/s`,
      )
      x.dispose()
    }
  }
}
