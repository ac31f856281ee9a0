/**
 * ONNX and TF.js read throughput: openCheckpoint + readFloat32 of every tensor, against the
 * Python references on the same files (bench/checkpoint/onnx_tfjs_numpy.py): for ONNX the `onnx`
 * package (onnx.load + numpy_helper.to_array), for TF.js numpy (shards concatenated, uint8 codes
 * dequantized in float64 then cast, as tfjs-core does) and tfjs-core's own io.decodeWeights.
 * 32 weights of 1024×1024: ONNX F32 (128 MiB), TF.js float32 (128 MiB) and uint8 (32 MiB),
 * 4 MiB shards. Files are read once to warm the page cache; each reader runs 3 times, interleaved,
 * and the best time counts (the machine is shared). Needs /usr/bin/python3 with numpy and onnx.
 * Run: npm run bench -- checkpoint/onnx-tfjs-read
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import {openCheckpoint} from '../../src/core/checkpoint/index.js'

const COUNT = 32
const python = '/usr/bin/python3'
const helper = new URL('onnx_tfjs_numpy.py', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-'))

function py(...args: string[]): string {
  const r = spawnSync(python, [helper, ...args], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`onnx_tfjs_numpy.py ${args[0]} failed:\n${r.stderr}`)
  return r.stdout
}

async function infolens(path: string): Promise<number> {
  const t0 = performance.now()
  const ck = await openCheckpoint(path)
  let sink = 0
  for (const t of ck.tensors) sink += (await ck.readFloat32(t))[0]
  await ck.close()
  if (Number.isNaN(sink)) throw new Error('unreachable')
  return (performance.now() - t0) / 1000
}

/** tfjs-core as TF.js loads a model in Node: read every shard, concatenate, decodeWeights, dataSync. */
function tfjsCore(modelDir: string): number {
  const t0 = performance.now()
  const [group] = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')).weightsManifest
  const buffers = group.paths.map((p: string) => new Uint8Array(readFileSync(join(modelDir, p))).buffer)
  const decoded = tf.io.decodeWeights(tf.io.concatenateArrayBuffers(buffers), group.weights)
  let sink = 0
  for (const t of Object.values(decoded)) sink += (t.dataSync() as Float32Array)[0]
  tf.dispose(Object.values(decoded))
  if (Number.isNaN(sink)) throw new Error('unreachable')
  return (performance.now() - t0) / 1000
}

function warm(path: string): void {
  for (const f of path.endsWith('.onnx') ? [path] : readdirSync(path).map((n) => join(path, n))) readFileSync(f)
}

async function main(): Promise<void> {
  tf.enableProdMode()
  await tf.setBackend('cpu')
  const onnx = join(dir, 'model.onnx')
  py('write-onnx', onnx, String(COUNT))
  py('write-tfjs', join(dir, 'tfjs-f32'), String(COUNT), 'float32')
  py('write-tfjs', join(dir, 'tfjs-u8'), String(COUNT), 'uint8')
  const cases = [
    {label: `ONNX F32 ${COUNT * 4} MiB`, path: onnx, ref: 'onnx package', refRun: () => Number(py('read-onnx', onnx))},
    ...['f32', 'u8'].flatMap((q) => {
      const path = join(dir, `tfjs-${q}`)
      const label = `TF.js ${q === 'f32' ? `float32 ${COUNT * 4}` : `uint8 ${COUNT}`} MiB`
      return [
        {label, path, ref: 'numpy', refRun: () => Number(py('read-tfjs', path))},
        {label, path, ref: 'tfjs-core decodeWeights', refRun: () => tfjsCore(path)},
      ]
    }),
  ]
  for (const c of cases) {
    warm(c.path)
    let ours = Infinity
    let ref = Infinity
    for (let i = 0; i < 3; i++) {
      ours = Math.min(ours, await infolens(c.path))
      ref = Math.min(ref, c.refRun())
    }
    console.log(
      `${c.label}  infolens ${ours.toFixed(3)} s  ${c.ref} ${ref.toFixed(3)} s  ratio infolens/${c.ref} ${(ours / ref).toFixed(2)}  (best of 3, interleaved)`,
    )
  }
}

try {
  await main()
} finally {
  rmSync(dir, {recursive: true, force: true})
}
