import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, shown, tableUnder} from '../../../core/report/render/markdown-tables.js'

const tiny = new URL('../../../fixtures/kappa/tiny-model.safetensors', import.meta.url).pathname
/** The Plan's 'singular values' line, parsed back into the numbers of `result.compute`. */
function singularValuesShown(plan: Map<string, string>) {
  const line = plan.get('singular values') ?? ''
  const m =
    /^(\d+) solved \((.+); (\d+) Gram, (\d+) Gram \+ LU, (\d+) SVD\), (\d+) from the spectra cache \((\d+) of them Gram spectra\), (\d+) Gram entries rejected and re-solved$/.exec(
      line,
    )
  assert.ok(m, `unexpected singular values line: ${line}`)
  return {
    solves: Number(m[1]),
    solver: m[2],
    routes: {gram: Number(m[3]), gram_lu: Number(m[4]), svd: Number(m[5])},
    cache_hits: Number(m[6]),
    cache_hits_gram: Number(m[7]),
    gram_rejected: Number(m[8]),
  }
}
const computeCounts = (c: any) => ({
  solves: c.solves,
  solver: c.solver,
  routes: c.routes,
  cache_hits: c.cache_hits,
  cache_hits_gram: c.cache_hits_gram,
  gram_rejected: c.gram_rejected,
})

const decode = (x: unknown) => (x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x === 'nan' ? NaN : x)

test('kappa plan: budget, counts, parameters trained and the selected tensors in rank order, values as in the JSON', () => {
  const dir = tempDir('infolens-render-kappa-')
  const {report, md} = makeAndRender(
    ['kappa', 'plan', tiny, '--count', '2', '--cache', join(dir, 'cache')],
    join(dir, 'plan.json'),
    'kappa.schema.json',
  )
  const r = report.result
  const s = r.selection
  const plan = keyValuesUnder(md, 'Plan')
  assert.equal(plan.get('budget'), `${r.budget.mode} ${r.budget.value}`)
  assert.equal(plan.get('candidates'), String(s.candidates))
  assert.equal(plan.get('selected'), String(s.selected))
  assert.equal(plan.get('skipped tensors'), String(r.skipped.length))
  assert.deepEqual(singularValuesShown(plan), computeCounts(r.compute))
  assert.ok(plan.get('parameters trained')!.startsWith(`${s.trainable_params} of ${s.total_params} (`))
  const selected = r.tensors.filter((t: any) => t.selected).sort((a: any, b: any) => a.rank_position - b.rank_position)
  assert.ok(selected.length > 0)
  const rows = records(tableUnder(md, 'Selected tensors (lowest kappa first)'))
  assert.deepEqual(
    rows.map((x) => [x.rank, x.shape, x.kappa, x.kappa_mp]),
    selected.map((t: any) => [
      String(t.rank_position),
      t.shape.join('×'),
      shown(decode(t.kappa)),
      shown(decode(t.kappa_mp)),
    ]),
  )
  for (const [i, t] of selected.entries()) assert.ok(rows[i].tensor.startsWith(t.name))
  const types = records(tableUnder(md, 'By layer type'))
  assert.deepEqual(
    types.map((p) => [p['layer type'], Number(p.candidates), Number(p.selected)]),
    s.per_type.map((p: any) => [p.type, p.candidates, p.selected]),
  )
})

test('kappa plan after spectral analyze on the same cache: the Gram-spectra hits and rejected Gram entries as in the JSON', () => {
  const dir = tempDir('infolens-render-kappa-gram-')
  const cache = join(dir, 'cache')
  const esd = runCli(['spectral', 'analyze', tiny, '--cache', cache, '--min-evals', '1', '--quiet'])
  assert.equal(esd.status, 0, esd.stderr)
  const {report, md} = makeAndRender(
    ['kappa', 'plan', tiny, '--cache', cache],
    join(dir, 'plan.json'),
    'kappa.schema.json',
  )
  const c = report.result.compute
  // the fixture has well-conditioned tensors (Gram spectra reused) and ill-conditioned ones (Gram rejected)
  assert.ok(c.cache_hits_gram > 0 && c.gram_rejected > 0, JSON.stringify(c))
  assert.deepEqual(singularValuesShown(keyValuesUnder(md, 'Plan')), computeCounts(c))
})
