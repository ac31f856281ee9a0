/**
 * The uq reader's fast path (number arrays lifted into Float64Arrays, core/io/json-number-arrays)
 * gives exactly the item JSON.parse gives: every embedding and similarity row bit for bit, every
 * other field equal; and lines the fast path declines (pretty-printed numbers, overflow) still read.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {readUqItems, type UqItem} from '../../../../src/families/uq/io/items-jsonl.js'
import {tempDir} from '../../../helpers/cli.js'

const fixture = new URL('../../../fixtures/uq/dataset.jsonl', import.meta.url).pathname

async function readAll(file: string): Promise<UqItem[]> {
  const out: UqItem[] = []
  for await (const {item} of readUqItems(file, {skipBad: false})) out.push(item)
  return out
}

/** The item with every typed array turned into a plain array, for deepEqual against JSON.parse. */
const plain = (v: unknown): unknown =>
  ArrayBuffer.isView(v)
    ? Array.from(v as Float64Array)
    : Array.isArray(v)
      ? v.map(plain)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
        : v

function assertSameBits(a: ArrayLike<number>, b: number[], where: string): void {
  assert.equal(a.length, b.length, where)
  for (let k = 0; k < b.length; k++) assert.ok(Object.is(a[k], b[k]), `${where}[${k}]: ${a[k]} vs ${b[k]}`)
}

test('fast read equals JSON.parse on the reference dataset, embeddings bit for bit, as Float64Arrays', async () => {
  const lines = readFileSync(fixture, 'utf8').trim().split('\n')
  const items = await readAll(fixture)
  assert.equal(items.length, lines.length)
  items.forEach((item, n) => {
    const expected = JSON.parse(lines[n])
    assert.deepEqual(plain(item), {...expected, id: String(expected.id)})
    item.runs.forEach((run, r) =>
      run.inputs.forEach((x, i) => {
        if (x.embedding === undefined) return
        assert.ok(x.embedding instanceof Float64Array)
        assertSameBits(x.embedding, expected.runs[r].inputs[i].embedding, `line ${n + 1} run ${r} input ${i}`)
        x.responses.forEach((y, j) =>
          assertSameBits(y.embedding!, expected.runs[r].inputs[i].responses[j].embedding, `response ${j}`),
        )
      }),
    )
  })
})

test('similarity matrices and lines the fast path declines read the same as JSON.parse', async () => {
  const base = JSON.parse(readFileSync(fixture, 'utf8').split('\n')[0])
  const run = base.runs[0]
  const m = run.inputs.length
  const total = run.inputs.reduce((a: number, x: {responses: unknown[]}) => a + x.responses.length, 0)
  run.inputSimilarity = Array.from({length: m}, (_, i) =>
    Array.from({length: m}, (_, j) => (i === j ? 1 : 0.1 * (i + j))),
  )
  run.responseSimilarity = Array.from({length: total}, (_, i) => Array.from({length: total}, (_, j) => 1 / (1 + i + j)))
  const lines = [
    JSON.stringify({...base, id: 'compact'}),
    JSON.stringify({...base, id: 'pretty-numbers'}).replace(/(\d)\.(\d+)/g, '$1.$20000000000000000000'),
    JSON.stringify({...base, id: 'spaced'}).replace(/,/g, ' , '),
  ]
  const file = join(tempDir('infolens-uq-read-'), 'items.jsonl')
  writeFileSync(file, lines.join('\r\n') + '\r\n')
  const items = await readAll(file)
  assert.equal(items.length, 3)
  items.forEach((item, n) => assert.deepEqual(plain(item), JSON.parse(lines[n])))
})
