/**
 * Embeddings as rows of a .npy side-car (written by numpy.save, test/fixtures/uq/make_npy_sidecar.py):
 * float64 rows give exactly the scores of the same embeddings inline; float32 rows the scores of the
 * embeddings rounded to float32 (within 1e-5 here). Bad side-cars are exit 2 with one line naming the
 * JSONL line and the field (`….embedding.npy`, `….embedding.row`, `….embedding`) and no report.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'

const fixtures = new URL('../../../fixtures/uq/', import.meta.url).pathname
const sidecar = join(fixtures, 'sidecar')

function inlineFile(): string {
  const lines = readFileSync(join(fixtures, 'dataset.jsonl'), 'utf8').trim().split('\n').slice(0, 4)
  const file = join(tempDir('infolens-uq-inline-'), 'items.jsonl')
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

const scoreRows = (file: string) => runCliJson(['uq', 'score', file, '--seed', '3']).json.result.rows

test('float64 side-car rows score exactly like the same embeddings inline', () => {
  const inline = scoreRows(inlineFile())
  const npy = scoreRows(join(sidecar, 'items.jsonl'))
  assert.equal(npy.length, inline.length)
  assert.deepEqual(npy, inline)
})

test('float32 side-car rows score like the embeddings rounded to float32', () => {
  const inline = scoreRows(inlineFile())
  const f4 = scoreRows(join(sidecar, 'items-f4.jsonl'))
  inline.forEach((row: Record<string, unknown>, k: number) => {
    for (const [key, v] of Object.entries(row))
      if (typeof v === 'number')
        assert.ok(Math.abs((f4[k][key] as number) - v) <= 1e-5, `${key}: ${f4[k][key]} vs ${v}`)
  })
})

/** A .npy file written here: a NumPy 1.0 header for `descr`/`shape`, then the bytes. */
function npyBytes(descr: string, shape: string, data: Buffer): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'
  const lead = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0])
  lead.writeUInt16LE(header.length, 8)
  return Buffer.concat([lead, Buffer.from(header, 'latin1'), data])
}

/** The side-car items in a fresh folder, with `embeddings.npy` replaced by `npy` when given. */
function sidecarCopy(npy?: Buffer, edit?: (line: string) => string): string {
  const dir = tempDir('infolens-uq-npy-')
  const lines = readFileSync(join(sidecar, 'items.jsonl'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'items.jsonl'), lines.map((l, k) => (k === 0 && edit ? edit(l) : l)).join('\n') + '\n')
  if (npy) writeFileSync(join(dir, 'embeddings.npy'), npy)
  else copyFileSync(join(sidecar, 'embeddings.npy'), join(dir, 'embeddings.npy'))
  return join(dir, 'items.jsonl')
}

function expectBad(file: string, pattern: RegExp): void {
  const out = join(tempDir('infolens-uq-npy-out-'), 'report.json')
  const r = runCli(['uq', 'score', file, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  const lines = r.stderr.trim().split('\n')
  assert.equal(lines.length, 1, r.stderr)
  assert.ok(lines[0].startsWith(`infolens: error: ${file}:1: `), lines[0])
  assert.match(lines[0], pattern)
  assert.equal(existsSync(out), false)
}

const f8 = (values: number[]) => Buffer.from(Float64Array.from(values).buffer)
const rows125 = (fill: (k: number) => number) => f8(Array.from({length: 125 * 8}, (_, k) => fill(k)))

const bad: [string, () => string, RegExp][] = [
  [
    'a missing side-car',
    () => sidecarCopy(undefined, (l) => l.replace('"embeddings.npy","row":0', '"nope.npy","row":0')),
    /runs\[0\]\.inputs\[0\]\.embedding\.npy: cannot read .*nope\.npy/,
  ],
  [
    'a row past the end',
    () => sidecarCopy(undefined, (l) => l.replace('"row":1}', '"row":125}')),
    /runs\[0\]\.inputs\[0\]\.responses\[0\]\.embedding\.row: expected a row index below 125/,
  ],
  [
    'a negative row',
    () => sidecarCopy(undefined, (l) => l.replace('"row":1}', '"row":-1}')),
    /runs\[0\]\.inputs\[0\]\.responses\[0\]\.embedding/,
  ],
  [
    'a NaN in a row',
    () =>
      sidecarCopy(
        npyBytes(
          '<f8',
          '(125, 8)',
          rows125((k) => (k === 8 * 2 + 3 ? NaN : 0.5)),
        ),
      ),
    /runs\[0\]\.inputs\[0\]\.responses\[1\]\.embedding: expected finite numbers, row 2 of .* holds NaN at column 3/,
  ],
  [
    'an integer dtype',
    () =>
      sidecarCopy(
        npyBytes(
          '<i8',
          '(125, 8)',
          rows125(() => 0),
        ),
      ),
    /\.embedding\.npy: .*expected dtype <f8 or <f4 .*got <i8/,
  ],
  [
    'a 1-D array',
    () =>
      sidecarCopy(
        npyBytes(
          '<f8',
          '(1000,)',
          rows125(() => 0.5),
        ),
      ),
    /\.embedding\.npy: .*expected a 2-D array/,
  ],
  [
    'a truncated file',
    () => sidecarCopy(npyBytes('<f8', '(125, 8)', f8([0.5, 0.5]))),
    /\.embedding\.npy: .*file is shorter/,
  ],
  ['not an .npy file', () => sidecarCopy(Buffer.from('{"hello": 1}')), /\.embedding\.npy: .*expected an \.npy file/],
  [
    'an unknown key',
    () => sidecarCopy(undefined, (l) => l.replace('"row":0}', '"row":0,"col":2}')),
    /runs\[0\]\.inputs\[0\]\.embedding/,
  ],
]

for (const [name, make, pattern] of bad)
  test(`uq score rejects ${name}: exit 2, one line naming line and field, no report`, () => expectBad(make(), pattern))
