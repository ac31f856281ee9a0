/**
 * Benchmark: `kappa plan` spectra on a generated 7B-shaped layer set (blocks of
 * q/k/v/o and MLP matrices: d×d, (d/4)×d, (2.6875·d)×d; Llama-2/Mistral shapes at
 * d = 4096) against numpy's np.linalg.svd(compute_uv=False) on the same file in the
 * same run. Prints both wall times, the ratio and the largest κ disagreement. The checkpoint is generated
 * into bench/out/kappa/ (gitignored) and deleted afterwards.
 *
 *   node --import tsx bench/kappa/plan.ts [--dim 4096] [--blocks 2] [--threads N] [--repeat 1] [--python /usr/bin/python3]
 *
 * With --repeat N the two sides run N times, interleaved, and each keeps its minimum (the machine may be shared).
 * The routes line says how many matrices took each route of core/linalg/gram-first.ts (Gram alone, Gram with
 * the small end refined by LU, SVD).
 *
 * The default d = 4096 is the real 7B shape (4096², 1024×4096, 11008×4096): several minutes per block on
 * 2 cores for each side. `--dim 1024` gives a quick run. Debian's /usr/bin/python3 NumPy links the same
 * system OpenBLAS as the addon, so it is preferred when present.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, rmSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {writeSafetensors} from '../../src/core/safetensors/index.js'
import {planCheckpoint} from '../../src/families/kappa/pipeline.js'
import {planRequest} from '../../src/families/kappa/flags.js'
import {noStore} from '../../src/families/kappa/io/spectra-store.js'
import {decodeNumber} from '../../src/families/kappa/kernels/json-number.js'
import {linalgStatus} from '../../src/core/linalg/index.js'
import {Stopwatch} from '../../src/core/report/timings.js'

const {values} = parseArgs({
  options: {
    dim: {type: 'string', default: '4096'},
    blocks: {type: 'string', default: '2'},
    threads: {type: 'string'},
    repeat: {type: 'string', default: '1'},
    python: {type: 'string'},
  },
})
const d = Number(values.dim)
const blocks = Number(values.blocks)
const threads = Number(values.threads ?? availableParallelism())
const python = values.python ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')

/** Deterministic Gaussian-ish entries (sum of uniforms), scaled like an initialised layer. */
function gaussian(rows: number, cols: number, seed: number): Float32Array {
  let s = seed >>> 0
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const a = new Float32Array(rows * cols)
  for (let i = 0; i < a.length; i++) a[i] = ((next() + next() + next() - 1.5) * 2) / Math.sqrt(cols)
  return a
}

const shapes: [string, number, number][] = [
  ['self_attn.q_proj', d, d],
  ['self_attn.k_proj', d / 4, d],
  ['self_attn.o_proj', d, d],
  ['mlp.up_proj', Math.round(2.6875 * d), d],
]
/** Writes the generated layer set (F32) and returns the number of matrices; the arrays are released afterwards. */
function writeLayerSet(): number {
  const tensors = []
  for (let b = 0; b < blocks; b++) {
    for (const [name, rows, cols] of shapes)
      tensors.push({
        name: `model.layers.${b}.${name}.weight`,
        dtype: 'F32' as const,
        shape: [rows, cols],
        data: gaussian(rows, cols, 1000 * b + rows + cols),
      })
  }
  writeSafetensors(file, tensors)
  return tensors.length
}

const dir = new URL('../out/kappa/', import.meta.url).pathname
mkdirSync(dir, {recursive: true})
const file = join(dir, `bench-${d}x${blocks}-${process.pid}.safetensors`)
try {
  const count = writeLayerSet()
  const request = planRequest(file, {'per-type': false, 'max-dim': 16384, scope: 'linear', eps: 1e-8})
  const runOurs = async () => {
    const stopwatch = new Stopwatch()
    const start = performance.now()
    const {result} = await planCheckpoint(file, request, {
      store: noStore,
      cacheDir: null,
      threads,
      stopwatch,
      progress: () => ({tick() {}, stop() {}}),
    })
    return {seconds: (performance.now() - start) / 1000, result, stopwatch}
  }
  const runNumpy = () => {
    const py = spawnSync(python, [new URL('./numpy_svdvals.py', import.meta.url).pathname, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    })
    if (py.status !== 0) throw new Error(py.stderr)
    return JSON.parse(py.stdout) as {seconds: number; kappa: Record<string, number>; numpy: string}
  }
  let best: Awaited<ReturnType<typeof runOurs>> | undefined
  let numpy: ReturnType<typeof runNumpy> | undefined
  for (let r = 0; r < Number(values.repeat); r++) {
    const o = await runOurs()
    if (!best || o.seconds < best.seconds) best = o
    const p = runNumpy()
    if (!numpy || p.seconds < numpy.seconds) numpy = p
  }
  const {seconds: ours, result, stopwatch} = best!
  let worst = 0
  for (const t of result.tensors)
    if (t.kind) worst = Math.max(worst, Math.abs(decodeNumber(t.kappa) / numpy!.kappa[t.name] - 1))
  console.log(
    `kappa plan bench: ${count} matrices (${shapes.map(([n, r, c]) => `${n} ${r}x${c}`).join(', ')}) x ${blocks} blocks`,
  )
  console.log(
    `infolens (${linalgStatus().active} Gram-first, LU small end, SVD fallback, ${threads} threads): ${ours.toFixed(2)} s wall (spectra ${stopwatch.toJSON().spectra?.toFixed(2)} s)`,
  )
  const routes = result.compute.routes
  console.log(`routes: ${routes.gram} Gram alone, ${routes.gram_lu} Gram + LU small end, ${routes.svd} SVD`)
  console.log(
    `numpy ${numpy!.numpy} (${python}) np.linalg.svd(compute_uv=False) float64: ${numpy!.seconds.toFixed(2)} s`,
  )
  console.log(
    `ratio infolens/numpy: ${(ours / numpy!.seconds).toFixed(2)}x; largest relative kappa difference: ${worst.toExponential(2)}`,
  )
} finally {
  rmSync(file, {force: true})
}
