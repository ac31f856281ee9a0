/**
 * PyTorch checkpoint read throughput: openCheckpoint + readFloat32 of every tensor of a
 * torch.save file, against torch.load + `.float().contiguous()` (bench/pytorch/torch_load.py,
 * Debian's torch, one thread) on the same file: 16 tensors of 1024×1024 in F32 and F16,
 * stored contiguous and as transposed views (our strided gather). The file is read once to
 * warm the page cache; the two readers then alternate 5 times and each one's minimum counts
 * (the machine is shared, so the minimum of interleaved runs is the least noisy figure).
 * Run: npm run bench -- pytorch
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {openCheckpoint} from '../../src/core/checkpoint/index.js'

const python = '/usr/bin/python3'
const script = new URL('torch_load.py', import.meta.url).pathname
const RUNS = 5

function runPython(args: string[]): string {
  const r = spawnSync(python, [script, ...args], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`torch_load.py ${args.join(' ')} failed:\n${r.stderr}`)
  return r.stdout
}

async function readAll(path: string): Promise<number> {
  const t0 = performance.now()
  const ckpt = await openCheckpoint(path)
  let sink = 0
  for (const t of ckpt.tensors) sink += (await ckpt.readFloat32(t))[0]
  await ckpt.close()
  if (Number.isNaN(sink)) throw new Error('unreachable')
  return (performance.now() - t0) / 1000
}

const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-pt-'))
try {
  for (const dtype of ['float32', 'float16']) {
    for (const layout of ['contiguous', 'transposed']) {
      const path = join(dir, `${dtype}-${layout}.bin`)
      runPython(['write', path, dtype, layout])
      readFileSync(path) // warm the page cache
      const ours: number[] = []
      const torch: number[] = []
      for (let i = 0; i < RUNS; i++) {
        ours.push(await readAll(path))
        torch.push(Number(runPython(['read', path])))
      }
      const mib = (16 * 1024 * 1024 * (dtype === 'float32' ? 4 : 2)) / 2 ** 20
      const [a, b] = [Math.min(...ours), Math.min(...torch)]
      console.log(
        `${dtype} ${layout}: ${mib} MiB  infolens ${a.toFixed(3)} s  torch.load ${b.toFixed(3)} s  ratio infolens/torch ${(a / b).toFixed(2)}  (min of ${RUNS} interleaved)`,
      )
      rmSync(path)
    }
  }
} finally {
  rmSync(dir, {recursive: true, force: true})
}
