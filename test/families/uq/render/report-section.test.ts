import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, shown, tableUnder} from '../../../core/report/render/markdown-tables.js'

const dir = tempDir('infolens-render-uq-')
const made = runCli(['demo', 'uq', join(dir, 'data'), '--items', '24', '--quiet'])
const items = join(dir, 'data', 'items.jsonl')
const itemsTsu = join(dir, 'data', 'items-tsu.jsonl')

/** Mean and population sd, computed here independently of the renderer. */
function meanSd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return [mean, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)]
}

test('uq score: item count and each measure summarised over the rows', () => {
  assert.equal(made.status, 0, made.stderr)
  const {report, md} = makeAndRender(['uq', 'score', items], join(dir, 'score.json'), 'uq.schema.json')
  const r = report.result
  const head = keyValuesUnder(md, 'Uncertainty scores')
  assert.equal(head.get('items'), String(r.items))
  assert.equal(head.get('rows (item × temperature)'), String(r.rows.length))
  const labelled = r.rows.filter((row: any) => row.correct !== undefined)
  assert.equal(
    head.get('accuracy (labelled rows)'),
    shown(labelled.reduce((a: number, row: any) => a + row.correct, 0) / labelled.length),
  )
  const rows = records(tableUnder(md, 'Measures over all rows'))
  assert.deepEqual(
    rows.map((x) => x.measure),
    r.measures,
  )
  for (const row of rows) {
    const values = r.rows.map((x: any) => x[row.measure]).filter((v: unknown) => typeof v === 'number')
    assert.equal(row.n, String(values.length), row.measure)
    if (values.length === 0) continue
    const [mean, sd] = meanSd(values)
    assert.deepEqual(
      [row.mean, row.sd, row.min, row.max],
      [shown(mean), shown(sd), shown(Math.min(...values)), shown(Math.max(...values))],
      row.measure,
    )
  }
})

test('uq evaluate: AUROC, PRR, AP and Brier per measure (highest AUROC first) with bootstrap sds', () => {
  const {report, md} = makeAndRender(
    ['uq', 'evaluate', items, '--bootstrap', '20'],
    join(dir, 'evaluate.json'),
    'uq-evaluate.schema.json',
  )
  const r = report.result
  const head = keyValuesUnder(md, 'Evaluation')
  assert.equal(head.get('accuracy'), shown(r.accuracy))
  assert.equal(head.get('bootstrap resamples'), String(r.resamples))
  const rows = records(tableUnder(md, 'Metrics per measure (highest AUROC first)'))
  const expected = [...r.measures].sort((a: any, b: any) => (b.auroc ?? -Infinity) - (a.auroc ?? -Infinity))
  assert.deepEqual(
    rows.map((x) => [x.measure, x.AUROC, x['AUROC sd'], x.PRR, x['PRR sd'], x.AP, x.Brier]),
    expected.map((m: any) => [
      m.measure,
      shown(m.auroc),
      shown(m.bootstrap.auroc.std),
      shown(m.prr),
      shown(m.bootstrap.prr.std),
      shown(m.ap),
      shown(m.brier),
    ]),
  )
})

test('uq tsu: TSU over all temperatures and per temperature pair', () => {
  const {report, md} = makeAndRender(['uq', 'tsu', itemsTsu], join(dir, 'tsu.json'), 'uq-tsu.schema.json')
  const r = report.result
  assert.equal(
    keyValuesUnder(md, 'Temperature sensitivity of uncertainty').get('temperatures'),
    r.temperatures.map(String).join(', '),
  )
  const table = tableUnder(md, 'TSU per measure (% of items whose uncertainty strictly increases with temperature)')
  assert.deepEqual(
    table.head.slice(2),
    r.measures[0].pairs.map((p: any) => p.temperatures.map(String).join('→')),
  )
  assert.deepEqual(
    table.rows,
    r.measures.map((m: any) => [m.measure, shown(m.all.tsu), ...m.pairs.map((p: any) => shown(p.tsu))]),
  )
})
