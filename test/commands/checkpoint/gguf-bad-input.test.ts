/**
 * Damaged GGUF files through the CLI (`checkpoint inspect` and `spectral analyze`): each is
 * exit 2 with one line naming the file and the field or tensor, no stack trace, and no --out
 * file written. The headers are assembled field by field (test/helpers/gguf-bytes.ts), so each
 * case holds exactly the defect it names.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from '../../helpers/cli.js'
import {GGML, ggufFile} from '../../helpers/gguf-bytes.js'

const fixtures = new URL('../../fixtures/gguf/', import.meta.url).pathname
const part = (k: number) => join(fixtures, `tiny-llama-0000${k}-of-00003.gguf`)
const f32 = (name: string, ne: number[], offset: number) => ({name, ne, typeId: GGML.F32, offset})

interface BadCase {
  readonly name: string
  /** Writes the bad input into `dir` and returns the path to pass. */
  make(dir: string): string
  /** What the one line must say after "FILE: " (field and message). */
  readonly expected: RegExp
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

const CASES: readonly BadCase[] = [
  {
    name: 'truncated tensor data',
    make: (d) => write(d, 'cut.gguf', readFileSync(join(fixtures, 'real-quants.gguf')).subarray(0, 500_000)),
    expected: /cut\.gguf: tensor faceres\.q\w+\.weight: data \[\d+, \d+\) .* runs past the end of the file/,
  },
  {
    name: 'truncated header',
    make: (d) => write(d, 'head.gguf', readFileSync(join(fixtures, 'real-quants.gguf')).subarray(0, 400)),
    expected: /head\.gguf: metadata key #\d+: file ended at byte 400/,
  },
  {
    name: 'wrong magic',
    make: (d) => write(d, 'magic.gguf', ggufFile({magic: 'GGML', tensors: []}, 0)),
    expected: /magic\.gguf: magic: not a GGUF file: starts with bytes 47 47 4d 4c, expected "GGUF"/,
  },
  {
    name: 'version 1',
    make: (d) => write(d, 'v1.gguf', ggufFile({version: 1, tensors: []}, 0)),
    expected: /v1\.gguf: version: version 1 \(GGUF v1.*expected 2 or 3/,
  },
  {
    name: 'big-endian file',
    make: (d) => write(d, 'be.gguf', ggufFile({version: 0x03000000, tensors: []}, 0)),
    expected: /be\.gguf: version: .*big-endian/,
  },
  {
    name: 'tensor data past the end',
    make: (d) => write(d, 'past.gguf', ggufFile({tensors: [f32('a.weight', [64, 64], 0)]}, 100)),
    expected: /past\.gguf: tensor a\.weight: data .*16384 bytes of F32\) runs past the end/,
  },
  {
    name: 'unknown type id',
    make: (d) =>
      write(d, 'type.gguf', ggufFile({tensors: [{name: 'a.weight', ne: [32, 2], typeId: 99, offset: 0}]}, 64)),
    expected: /type\.gguf: tensor a\.weight: unknown ggml type id 99/,
  },
  {
    name: 'shape/size mismatch (ne[0] not a whole number of blocks)',
    make: (d) =>
      write(d, 'blocks.gguf', ggufFile({tensors: [{name: 'q.weight', ne: [33, 2], typeId: GGML.Q4_0, offset: 0}]}, 64)),
    expected: /blocks\.gguf: tensor q\.weight: ne\[0\] = 33 is not a whole number of Q4_0 blocks of 32/,
  },
  {
    name: 'n_dims > 4',
    make: (d) => write(d, 'dims.gguf', ggufFile({tensors: [f32('a.weight', [2, 2, 2, 2, 2], 0)]}, 128)),
    expected: /dims\.gguf: tensor a\.weight: n_dims 5, expected at most 4/,
  },
  {
    name: 'absurd tensor_count',
    make: (d) => write(d, 'count.gguf', ggufFile({tensorCount: 2 ** 40, tensors: []}, 0)),
    expected: /count\.gguf: tensor_count: tensor_count 1099511627776 and kv_count 0 cannot fit in a file of \d+ bytes/,
  },
  {
    name: 'absurd kv_count',
    make: (d) => write(d, 'kv.gguf', ggufFile({kvCount: 2 ** 50, tensors: []}, 0)),
    expected: /kv\.gguf: tensor_count: .*kv_count 1125899906842624 cannot fit/,
  },
  {
    name: 'overlapping tensors',
    make: (d) =>
      write(d, 'overlap.gguf', ggufFile({tensors: [f32('a.weight', [8, 8], 0), f32('b.weight', [8, 8], 128)]}, 512)),
    expected: /overlap\.gguf: tensor b\.weight: data at byte \d+ overlaps tensor a\.weight/,
  },
  {
    name: 'unaligned data offset',
    make: (d) => write(d, 'align.gguf', ggufFile({tensors: [f32('a.weight', [8, 8], 4)]}, 512)),
    expected: /align\.gguf: tensor a\.weight: data offset 4 is not a multiple of the alignment 32/,
  },
  {
    name: 'string length past the end',
    make: (d) => {
      const bytes = ggufFile({tensors: [f32('a.weight', [8, 8], 0)]}, 256)
      new DataView(bytes.buffer).setBigUint64(24, 2n ** 40n, true) // the first tensor name's length
      return write(d, 'name.gguf', bytes)
    },
    expected: /name\.gguf: tensor info #0: file ended at byte \d+, expected 1099511627776 more bytes/,
  },
  {
    name: 'missing split part',
    make: (d) => {
      for (const k of [1, 3]) copyFileSync(part(k), join(d, `tiny-llama-0000${k}-of-00003.gguf`))
      return join(d, 'tiny-llama-00001-of-00003.gguf')
    },
    expected: /tiny-llama-00001-of-00003\.gguf: split: split part tiny-llama-00002-of-00003\.gguf missing/,
  },
  {
    name: 'split part from the wrong place (split.no)',
    make: (d) => {
      copyFileSync(part(1), join(d, 'tiny-llama-00001-of-00003.gguf'))
      copyFileSync(part(3), join(d, 'tiny-llama-00002-of-00003.gguf'))
      copyFileSync(part(2), join(d, 'tiny-llama-00003-of-00003.gguf'))
      return d
    },
    expected: /tiny-llama-00002-of-00003\.gguf: split\.no: 2, expected 1 \(part 2 of 3 by its file name\)/,
  },
  {
    name: 'split part without split metadata',
    make: (d) => {
      copyFileSync(part(1), join(d, 'm-00001-of-00002.gguf'))
      write(d, 'm-00002-of-00002.gguf', ggufFile({tensors: [f32('x.weight', [8, 8], 0)]}, 256))
      return join(d, 'm-00002-of-00002.gguf')
    },
    expected: /m-00001-of-00002\.gguf: split\.count: 3, expected 2/,
  },
]

for (const c of CASES) {
  for (const command of [
    ['checkpoint', 'inspect'],
    ['spectral', 'analyze'],
  ]) {
    test(`${command.join(' ')}: ${c.name} → exit 2, one line, nothing written`, () => {
      const dir = tempDir()
      const path = c.make(dir)
      const out = join(tempDir(), 'report.json')
      const r = runCli(
        [...command, path, '--out', out, '--no-cache'].filter((a) => a !== '--no-cache' || command[0] === 'spectral'),
      )
      assert.equal(r.status, 2, r.stderr)
      const lines = r.stderr.trim().split('\n')
      assert.equal(lines.length, 1, r.stderr)
      assert.match(lines[0], /^infolens: error: /)
      assert.match(lines[0], c.expected)
      assert.doesNotMatch(r.stderr, /\n\s+at /)
      assert.equal(existsSync(out), false)
    })
  }
}
