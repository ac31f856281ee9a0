/**
 * GGUF dequantization throughput per ggml type, infolens against numpy, on the same bytes: a
 * seeded 4096×4096 matrix quantized by test/fixtures/gguf/make-gguf.py (bench/checkpoint/
 * numpy_dequant.py writes the bytes and times its vectorised numpy dequantizer); infolens decodes
 * the same bytes in memory with src/core/gguf's kernels (no file I/O on either side). GB/s counts
 * float32 output bytes. The machine is shared: each side takes the best of REPEATS runs, and the
 * whole comparison is repeated ROUNDS times, interleaved, keeping the best per side.
 * Run: npm run bench -- checkpoint/gguf-dequant [--rows 4096] [--cols 4096]
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {dequantizerOf, SUPPORTED_GGML_TYPES} from '../../src/core/gguf/index.js'

const {values} = parseArgs({
  options: {rows: {type: 'string', default: '4096'}, cols: {type: 'string', default: '4096'}},
})
const rows = Number(values.rows)
const cols = Number(values.cols)
const REPEATS = 5
const ROUNDS = 3
const types = SUPPORTED_GGML_TYPES.filter((t) => t !== 'F32')
const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-gguf-'))
const script = new URL('numpy_dequant.py', import.meta.url).pathname

function numpySeconds(): Record<string, number> {
  const r = spawnSync('/usr/bin/python3', [script, dir, String(rows), String(cols), String(REPEATS), ...types], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as Record<string, number>
}

function infolensSeconds(type: string): number {
  const bytes = new Uint8Array(readFileSync(join(dir, `${type}.bin`)))
  const out = new Float32Array(rows * cols)
  const dequantize = dequantizerOf(type)!
  let best = Infinity
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now()
    dequantize(bytes, out)
    best = Math.min(best, (performance.now() - t0) / 1000)
  }
  return best
}

try {
  const numpy: Record<string, number> = {}
  const ours: Record<string, number> = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [type, s] of Object.entries(numpySeconds())) numpy[type] = Math.min(numpy[type] ?? Infinity, s)
    for (const type of types) ours[type] = Math.min(ours[type] ?? Infinity, infolensSeconds(type))
  }
  const gb = (rows * cols * 4) / 1e9
  console.log(`GGUF dequantization ${rows}x${cols} to float32 (best of ${REPEATS}x${ROUNDS}, interleaved)`)
  for (const type of types) {
    const ratio = numpy[type] / ours[type]
    console.log(
      `${type.padEnd(5)} infolens ${(gb / ours[type]).toFixed(2)} GB/s  numpy ${(gb / numpy[type]).toFixed(2)} GB/s  ratio infolens/numpy speed ${ratio.toFixed(2)}x`,
    )
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
