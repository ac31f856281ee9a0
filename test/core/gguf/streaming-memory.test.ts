/**
 * Streaming memory on a GGUF over 4 GiB: a sparse file (ftruncate; only the header and a few
 * bytes written) whose tensors lie past 2^32 bytes. `checkpoint inspect` reads only the header,
 * and reading one tensor costs its stored bytes plus its float32 values: peak RSS stays within
 * two float32 copies of that tensor above the baseline (measured in a child process, with
 * /usr/bin/time -v for the CLI and process.resourceUsage().maxRSS in a tiny driver). Skipped,
 * saying why, where the filesystem cannot hold sparse files.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {closeSync, existsSync, ftruncateSync, openSync, rmSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../helpers/cli.js'
import {GGML, ggufHeader} from '../../helpers/gguf-bytes.js'

const SIDE = 4096
const F32_TENSOR_KIB = (SIDE * SIDE * 4) / 1024 // 64 MiB as float32
const Q8_0_BYTES = (SIDE * SIDE * 34) / 32
const HOLE = [65536, 18432] // an F32 tensor of 4.5 GiB: pushes the others past 2^32
const HOLE_BYTES = HOLE[0] * HOLE[1] * 4
const driver = new URL('../../helpers/read-tensor-rss.mjs', import.meta.url).pathname
const runJs = new URL('../../../bin/run.js', import.meta.url).pathname
const small = new URL('../../fixtures/gguf/unsupported.gguf', import.meta.url).pathname

/** Writes the sparse file; undefined when the filesystem allocated the holes (no sparse files). */
function sparseGguf(dir: string): string | undefined {
  const path = join(dir, 'big.gguf')
  const header = ggufHeader({
    tensors: [
      {name: 'hole.weight', ne: HOLE, typeId: GGML.F32, offset: 0},
      {name: 'blk.0.attn_q.weight', ne: [SIDE, SIDE], typeId: GGML.Q8_0, offset: HOLE_BYTES},
      {name: 'blk.0.ffn_up.weight', ne: [SIDE, SIDE], typeId: GGML.F32, offset: HOLE_BYTES + Q8_0_BYTES},
    ],
  })
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, header, 0, header.length, 0)
    // first Q8_0 block: d = 1.0 (f16 0x3c00), q = [5, -3, ...]: the read must find it past 4 GiB
    writeSync(fd, Uint8Array.from([0x00, 0x3c, 5, 0xfd]), 0, 4, header.length + HOLE_BYTES)
    ftruncateSync(fd, header.length + HOLE_BYTES + Q8_0_BYTES + SIDE * SIDE * 4)
  } finally {
    closeSync(fd)
  }
  const {blocks, size} = statSync(path)
  if (blocks * 512 > size / 100) return undefined
  return path
}

function readInChild(path: string, tensor: string) {
  const r = spawnSync(process.execPath, [driver, path, tensor], {encoding: 'utf8'})
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout) as {baselineKiB: number; peakKiB: number; first: number[]; length: number}
}

function cliPeakKiB(path: string): number {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, runJs, 'checkpoint', 'inspect', path, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  assert.equal(r.status, 0, r.stderr)
  return Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1])
}

test('a sparse GGUF over 4 GiB: inspect and one-tensor reads stay within two float32 tensors of baseline', (t) => {
  const dir = tempDir()
  try {
    const path = sparseGguf(dir)
    if (!path) return t.skip('the temp filesystem allocates holes (no sparse files): the 4.6 GB file was not kept')
    assert.ok(statSync(path).size > 2 ** 32)
    for (const tensor of ['blk.0.attn_q.weight', 'blk.0.ffn_up.weight']) {
      const r = readInChild(path, tensor)
      assert.equal(r.length, SIDE * SIDE)
      if (tensor === 'blk.0.attn_q.weight') assert.deepEqual(r.first, [5, -3])
      const above = r.peakKiB - r.baselineKiB
      assert.ok(above <= 2 * F32_TENSOR_KIB, `${tensor}: peak RSS ${above} KiB above baseline`)
    }
    if (!existsSync('/usr/bin/time')) return t.diagnostic('no /usr/bin/time: the CLI peak was not measured')
    const above = cliPeakKiB(path) - cliPeakKiB(small)
    assert.ok(above <= 2 * F32_TENSOR_KIB, `checkpoint inspect: peak RSS ${above} KiB above the small file's`)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
})
