/** The CLI against the independent numpy/scipy implementation (test/fixtures/uq/reference.py → reference.json). */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {nonEmpty} from '../../../helpers/fixture.js'

const fixture = new URL('../../../fixtures/uq/dataset.jsonl', import.meta.url).pathname
const ref = JSON.parse(readFileSync(new URL('../../../fixtures/uq/reference.json', import.meta.url), 'utf8'))
const common = ['--draws', '20', '--seed', '7']
const tol = 1e-10

function close(got: unknown, want: unknown, what: string): void {
  if (want === null || got === null) return assert.equal(got, want, what)
  assert.ok(
    typeof got === 'number' && Math.abs(got - (want as number)) <= tol,
    `${what}: ${String(got)} vs numpy ${String(want)}`,
  )
}

test('uq score --json: every measure and baseline of every item and run within 1e-10 of numpy', () => {
  const {json, result} = runCliJson(['uq', 'score', fixture, ...common])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq.schema.json')
  assert.equal(json.seed, 7)
  assert.equal(json.result.rows.length, nonEmpty(ref.rows, 'uq reference.json rows').length)
  json.result.rows.forEach((row: Record<string, unknown>, i: number) => {
    const want = ref.rows[i]
    assert.equal(row.id, want.id)
    assert.equal(row.temperature, want.temperature)
    assert.equal(row.draws, want.draws)
    for (const m of json.result.measures) close(row[m], want[m], `${want.id} run ${want.run} ${m}`)
  })
})

test('uq score: reports for the same seed are identical except createdAt and timings; another seed differs', () => {
  const strip = (r: any) => ({...r, createdAt: undefined, timings: undefined})
  const a = runCliJson(['uq', 'score', fixture, ...common]).json
  const b = runCliJson(['uq', 'score', fixture, ...common]).json
  assert.deepEqual(strip(a), strip(b))
  const c = runCliJson(['uq', 'score', fixture, '--draws', '20', '--seed', '8']).json
  assert.notDeepEqual(
    c.result.rows.map((r: any) => r.inv_entropy),
    a.result.rows.map((r: any) => r.inv_entropy),
  )
})

test('uq evaluate --json: AUROC, PRR, AP, Brier and their bootstrap mean/std within 1e-10 of numpy', () => {
  const {json, result} = runCliJson(['uq', 'evaluate', fixture, ...common, '--bootstrap', '50'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq-evaluate.schema.json')
  assert.deepEqual(
    json.result.measures.map((m: any) => m.measure),
    ref.evaluate.map((m: any) => m.measure),
  )
  json.result.measures.forEach((m: any, i: number) => {
    const want = ref.evaluate[i]
    assert.equal(m.items, want.items)
    for (const k of ['auroc', 'prr', 'ap', 'brier']) {
      close(m[k], want[k], `${m.measure} ${k}`)
      close(m.bootstrap[k].mean, want.bootstrap[k].mean, `${m.measure} ${k} bootstrap mean`)
      close(m.bootstrap[k].std, want.bootstrap[k].std, `${m.measure} ${k} bootstrap std`)
      assert.equal(m.bootstrap[k].n, want.bootstrap[k].n)
    }
  })
})

test('uq tsu --json: TSU over all temperatures and per pair equals numpy', () => {
  const {json, result} = runCliJson(['uq', 'tsu', fixture, ...common])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq-tsu.schema.json')
  assert.deepEqual(json.result.temperatures, ref.tsu.temperatures)
  const byName = new Map(ref.tsu.measures.map((m: any) => [m.measure, m]))
  for (const m of json.result.measures) {
    const want: any = byName.get(m.measure)
    close(m.all.tsu, want.all, `${m.measure} tsu`)
    m.pairs.forEach((p: any, i: number) => close(p.tsu, want.pairs[i], `${m.measure} pair ${i}`))
  }
})
