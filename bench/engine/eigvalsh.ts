/**
 * Float64 eigvalsh / svdvals: numpy vs the LAPACK addon vs the TypeScript fallback on the same
 * matrix, plus tfjs float32 matmul GFLOP/s (wasm vs cpu). Run: node --import tsx bench/engine/eigvalsh.ts
 * Options: --sizes 512,1024,2048  --repeats 3  --threads 1 (OpenBLAS threads for numpy and the addon).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {availableEigensolvers} from '../../src/kernels/linalg/eigensolver-registry.js'
import {selectEngine, tensorflow} from '../../src/kernels/engine.js'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const sizes = arg('sizes', '512,1024,2048').split(',').map(Number)
const repeats = Number(arg('repeats', '3'))
const threads = Number(arg('threads', '1'))
const outDir = new URL('../out/', import.meta.url).pathname
mkdirSync(outDir, {recursive: true})

function goe(n: number, seed: number): Float64Array {
  let s = seed >>> 0
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296 - 0.5)
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rnd()
  return a
}

function time(fn: () => unknown): {wall: number; cpu: number} {
  fn() // warm-up (JIT)
  const walls: number[] = []
  const cpus: number[] = []
  for (let r = 0; r < repeats; r++) {
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

function numpy(op: string, a: Float64Array, rows: number, cols: number): {wall: number; cpu: number} | undefined {
  const path = `${outDir}engine-${op}-${rows}x${cols}.f64`
  writeFileSync(path, Buffer.from(a.buffer, a.byteOffset, a.byteLength))
  const py = spawnSync('python3', [new URL('eigvalsh_numpy.py', import.meta.url).pathname, op, path, String(rows), String(cols), String(repeats)], {
    encoding: 'utf8',
    env: {...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads)},
  })
  if (py.status !== 0) return undefined
  return JSON.parse(py.stdout) as {wall: number; cpu: number}
}

const solvers = availableEigensolvers()
for (const s of solvers) s.setThreads(threads)
const fmt = (t: {wall: number; cpu: number}) => `${t.wall.toFixed(3)} s (cpu ${t.cpu.toFixed(3)})`
for (const n of sizes) {
  const a = goe(n, n)
  const ref = numpy('eigvalsh', a, n, n)
  const parts = [`eigvalsh n=${n} threads=${threads}`, `numpy ${ref ? fmt(ref) : 'n/a'}`]
  for (const s of solvers) {
    const t = time(() => s.eigvalsh(a, n))
    parts.push(`${s.id} ${fmt(t)}${ref ? ` ratio ${(t.cpu / ref.cpu).toFixed(2)} cpu / ${(t.wall / ref.wall).toFixed(2)} wall` : ''}`)
  }
  console.log(parts.join('  '))
}
{
  const n = 1024
  const a = goe(n, 99)
  const ref = numpy('svdvals', a, n, n)
  const parts = [`svdvals n=${n} threads=${threads}`, `numpy ${ref ? fmt(ref) : 'n/a'}`]
  for (const s of solvers) {
    const t = time(() => s.svdvals(a, n, n))
    parts.push(`${s.id} ${fmt(t)}${ref ? ` ratio ${(t.cpu / ref.cpu).toFixed(2)} cpu / ${(t.wall / ref.wall).toFixed(2)} wall` : ''}`)
  }
  console.log(parts.join('  '))
}
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
    console.log(`tfjs matmul float32 ${backend} n=${n}  ${sec.toFixed(3)} s  ${((2 * n ** 3) / sec / 1e9).toFixed(1)} GFLOP/s`)
    x.dispose()
  }
}
