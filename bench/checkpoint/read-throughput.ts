/**
 * Checkpoint read throughput: openCheckpoint + readFloat32 of every tensor, against numpy
 * (bench/checkpoint/read_numpy.py: seek + np.fromfile + astype) on the same file, for F32,
 * F16 and BF16 (256 MiB of F32: 64 tensors of 1024×1024). Files are read once to warm the
 * page cache, then each reader runs 3 times and the best time counts.
 * Run: node --import tsx bench/checkpoint/read-throughput.ts
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {openCheckpoint} from '../../src/core/checkpoint/index.js'
import {writeSafetensors} from '../../src/core/safetensors/index.js'

const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-'))
const data = new Float32Array(1024 * 1024).map((_, i) => Math.sin(i) * 0.02)
const python = '/usr/bin/python3'

async function readAll(path: string): Promise<number> {
  const t0 = performance.now()
  const ckpt = await openCheckpoint(path)
  let sink = 0
  for (const t of ckpt.tensors) sink += (await ckpt.readFloat32(t))[0]
  await ckpt.close()
  if (Number.isNaN(sink)) throw new Error('unreachable')
  return (performance.now() - t0) / 1000
}

try {
  for (const dtype of ['F32', 'F16', 'BF16'] as const) {
    const path = join(dir, `${dtype}.safetensors`)
    writeSafetensors(
      path,
      Array.from({length: 64}, (_, k) => ({name: `layers.${k}.w`, dtype, shape: [1024, 1024], data})),
    )
    readFileSync(path) // warm the page cache
    const ours = Math.min(await readAll(path), await readAll(path), await readAll(path))
    const numpy = Math.min(
      ...[0, 1, 2].map(() =>
        Number(
          spawnSync(python, [new URL('read_numpy.py', import.meta.url).pathname, path], {encoding: 'utf8'}).stdout,
        ),
      ),
    )
    const mib = (64 * 1024 * 1024 * (dtype === 'F32' ? 4 : 2)) / 2 ** 20
    console.log(
      `${dtype}: ${mib} MiB  infolens ${ours.toFixed(3)} s (${(mib / ours).toFixed(0)} MiB/s)  numpy ${numpy.toFixed(3)} s  ratio infolens/numpy ${(ours / numpy).toFixed(2)}`,
    )
    rmSync(path)
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
