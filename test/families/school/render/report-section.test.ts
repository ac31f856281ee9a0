import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {
  keyValuesUnder,
  makeAndRender,
  records,
  sectionText,
  shown,
  tableUnder,
  type Table,
} from '../../../core/report/render/markdown-tables.js'

const dir = tempDir('infolens-render-school-')
const nc = join(dir, 'torus.nc')
const small = ['--agents', '16', '--steps', '30']

function assertSummaryTable(t: Table, summary: Record<string, any>): void {
  assert.deepEqual(
    records(t).map((x) => [x.metric, x.final, x['mean (2nd half)'], x['std (2nd half)'], x.min, x.max]),
    Object.entries(summary).map(([m, s]) => [
      m,
      shown(s.final),
      shown(s.mean2),
      shown(s.std2),
      shown(s.min),
      shown(s.max),
    ]),
  )
}

test('school simulate: run, parameters, final and second-half P, M, OSI and entropies; ensemble mean ± sd', () => {
  const {report, md} = makeAndRender(
    ['school', 'simulate', '--config', 'torus', ...small, '--seed', '3', '--ensemble', '2'],
    join(dir, 'simulate.json'),
    'school.schema.json',
  )
  const r = report.result
  const run = keyValuesUnder(md, 'Run')
  assert.equal(run.get('state'), r.state)
  assert.equal(run.get('frames'), String(r.frames))
  assert.equal(run.get('NetCDF'), 'none')
  const params = keyValuesUnder(md, 'Parameters')
  for (const [k, v] of Object.entries(r.parameters)) assert.equal(params.get(k), shown(v), k)
  const summary = tableUnder(md, 'Order parameters and entropies')
  assert.ok(
    ['polarization', 'rotation', 'oceanic_schooling_index'].every((m) => summary.rows.some((row) => row[0] === m)),
  )
  assertSummaryTable(summary, r.summary)
  const e = r.ensemble
  const heading = `Ensemble (${e.members} members, seeds ${e.seeds.join(', ')})`
  assert.ok(sectionText(md, heading).includes(`States: ${r.ensemble.states[0]}`))
  assert.deepEqual(
    records(tableUnder(md, heading)).map((x) => [x.metric, x.final]),
    Object.entries(e.statistics.final).map(([m, s]: [string, any]) => [m, `${shown(s.mean)} ± ${shown(s.sd)}`]),
  )
})

test('school analyze: the trajectory file and its summary', () => {
  const sim = makeAndRender(
    ['school', 'simulate', '--config', 'torus', ...small, '--nc', nc],
    join(dir, 'simulate-nc.json'),
    'school.schema.json',
  )
  assert.equal(keyValuesUnder(sim.md, 'Run').get('NetCDF'), nc)
  const {report, md} = makeAndRender(['school', 'analyze', nc], join(dir, 'analyze.json'), 'school.schema.json')
  const r = report.result
  const head = keyValuesUnder(md, 'Trajectory')
  assert.deepEqual([head.get('file'), head.get('fish'), head.get('state')], [nc, String(r.fish), r.state])
  assertSummaryTable(tableUnder(md, 'Order parameters and entropies'), r.summary)
})

test('school sweep: one row per value with the second-half means over seeds', () => {
  const {report, md} = makeAndRender(
    ['school', 'sweep', '--param', 'noise=0:0.2:3', '--seeds', '2', ...small],
    join(dir, 'sweep.json'),
    'school.schema.json',
  )
  const r = report.result
  assert.equal(keyValuesUnder(md, 'Sweep').get('parameter'), 'noise')
  const table = tableUnder(md, `${r.statistic} over seeds by noise`)
  const metrics = Object.keys(r.rows[0].mean)
  assert.deepEqual(table.head, ['noise', 'runs', ...metrics])
  assert.deepEqual(
    table.rows,
    r.rows.map((row: any) => [shown(row.value), String(r.seeds.length), ...metrics.map((m) => shown(row.mean[m]))]),
  )
})
