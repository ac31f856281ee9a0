import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {germanCsv, germanSplit} from '../commands/german-split.js'
import {
  keyValuesUnder,
  makeAndRender,
  records,
  sectionText,
  shown,
  tableUnder,
} from '../../../core/report/render/markdown-tables.js'

const split = germanSplit()
const binsPath = join(split.dir, 'bins.json')
const cardPath = join(split.dir, 'card.json')
const target = ['--target', 'creditability', '--bad', 'bad']
const byDesc = (key: string) => (a: any, b: any) => b[key] - a[key]

const bin = makeAndRender(
  ['credit', 'bin', germanCsv, ...target, '--exclude', 'personal_status_and_sex'],
  binsPath,
  'credit-bin.schema.json',
)

test('credit bin: counts and the IV table sorted by IV, with SE, CI, χ² p and strength from the JSON', () => {
  const {report, md} = bin
  const r = report.result
  const head = keyValuesUnder(md, 'Binning')
  assert.equal(head.get('rows'), String(r.rows))
  assert.equal(head.get('bads'), shown(r.bads))
  assert.equal(head.get('features'), String(r.features.length))
  const rows = records(tableUnder(md, 'Information value (highest first)'))
  const expected = [...r.features].sort(byDesc('iv'))
  assert.deepEqual(
    rows.map((x) => [x.feature, x.bins, x.iv, x.iv_se, x['95 % CI'], x.chi2_p, x.strength]),
    expected.map((f: any) => [
      f.feature,
      String(f.bins),
      shown(f.iv),
      shown(f.iv_se_delta),
      `[${shown(f.ci[0])}, ${shown(f.ci[1])}]`,
      shown(f.chi2_p),
      f.strength,
    ]),
  )
})

/** First and second half of the German credit rows: `duration_in_month` drifts between them (χ² p < 0.05). */
function halves(): [string, string] {
  const lines = readFileSync(germanCsv, 'utf8').trimEnd().split('\n')
  const paths: [string, string] = [join(split.dir, 'first.csv'), join(split.dir, 'second.csv')]
  writeFileSync(paths[0], [lines[0], ...lines.slice(1, 501)].join('\n') + '\n')
  writeFileSync(paths[1], [lines[0], ...lines.slice(501)].join('\n') + '\n')
  return paths
}

test('credit psi: the drift gate outcome and the PSI table sorted by PSI', () => {
  const [first, second] = halves()
  const {report, md} = makeAndRender(
    ['credit', 'psi', first, second, '--bins', binsPath, '--fail-on', 'drift'],
    join(split.dir, 'psi.json'),
    'credit-psi.schema.json',
    [3],
  )
  const r = report.result
  assert.ok(r.drifted.length > 0)
  const gate = sectionText(md, 'Gate')
  assert.match(gate, new RegExp(`\`--fail-on drift\`: \\*\\*failed\\*\\*, ${r.drifted.length} feature`))
  for (const f of r.drifted) assert.ok(gate.includes(f), f)
  const same = makeAndRender(
    ['credit', 'psi', first, first, '--bins', binsPath, '--fail-on', 'drift'],
    join(split.dir, 'psi-same.json'),
    'credit-psi.schema.json',
  )
  assert.match(sectionText(same.md, 'Gate'), /`--fail-on drift`: \*\*passed\*\*/)
  const head = keyValuesUnder(md, 'Population stability')
  assert.equal(head.get('expected rows'), String(r.expected_rows))
  assert.equal(head.get('drifting (χ² test)'), String(r.features.filter((f: any) => f.drift).length))
  const rows = records(tableUnder(md, 'PSI per feature (highest first)'))
  const expected = [...r.features].sort(byDesc('psi'))
  assert.deepEqual(
    rows.map((x) => [x.feature, x.psi, x.psi_se, x.critical_psi, x.chi2_p, x.drift]),
    expected.map((f: any) => [
      f.feature,
      shown(f.psi),
      shown(f.psi_se_delta),
      shown(f.critical_psi),
      shown(f.chi2_p),
      f.drift ? 'yes' : 'no',
    ]),
  )
})

test('credit scorecard and score: fit summary, AUC/Gini/KS per sample, score PSI, per-feature coefficients', () => {
  const {report, md} = makeAndRender(
    ['credit', 'scorecard', split.train, ...target, '--bins', binsPath, '--test', split.test],
    cardPath,
    'credit-scorecard.schema.json',
  )
  const r = report.result
  const disc = records(tableUnder(md, 'Discrimination'))
  assert.deepEqual(
    disc.map((x) => [x.sample, x.rows, x.AUC, x.Gini, x.KS]),
    [
      ['train', r.train],
      ['test', r.test],
    ].map(([name, s]: any) => [name, String(s.rows), shown(s.auc), shown(s.gini), shown(s.ks)]),
  )
  assert.equal(keyValuesUnder(md, 'Score stability (train → test)').get('psi'), shown(r.score_psi.psi))
  assert.equal(keyValuesUnder(md, 'Scorecard').get('features'), String(r.features.length))
  const rows = records(tableUnder(md, 'Features (highest IV first)'))
  const expected = [...r.features].sort(byDesc('iv'))
  assert.deepEqual(
    rows.map((x) => [x.feature, x.coefficient, x.se, x.p]),
    expected.map((f: any) => [f.feature, shown(f.coefficient), shown(f.se), shown(f.p)]),
  )

  const score = makeAndRender(
    ['credit', 'score', split.test, '--card', cardPath],
    join(split.dir, 'score.json'),
    'credit-score.schema.json',
  )
  const kv = keyValuesUnder(score.md, 'Scores')
  const s = score.report.result
  assert.deepEqual(
    [kv.get('rows'), kv.get('mean score'), kv.get('AUC'), kv.get('KS')],
    [String(s.rows), shown(s.mean_score), shown(s.metrics.auc), shown(s.metrics.ks)],
  )
})

test('credit fairness: group IVs, the frontier by budget and the proxy table', () => {
  const {report, md} = makeAndRender(
    [
      'credit',
      'fairness',
      germanCsv,
      ...target,
      '--bins',
      binsPath,
      '--protected',
      'age_in_years<=25',
      '--epsilon',
      '0.1,0.4,inf',
    ],
    join(split.dir, 'fair.json'),
    'credit-fairness.schema.json',
  )
  const r = report.result
  const head = keyValuesUnder(md, 'Fairness')
  assert.equal(head.get('rows in the group'), String(r.group_rows))
  assert.ok(
    head.get('IV of group vs default')!.startsWith(`${shown(r.group_default_iv.iv)} ± ${shown(r.group_default_iv.se)}`),
  )
  const frontier = records(tableUnder(md, 'IV frontier (largest total IV within each budget ε of Σ IV of the group)'))
  const expected = [...r.frontier].sort(
    (a: any, b: any) => (a.epsilon ?? Infinity) - (b.epsilon ?? Infinity) || a.kind.localeCompare(b.kind),
  )
  assert.deepEqual(
    frontier.map((x) => [x.epsilon, x.kind, x.iv_total, x.cost, x.features]),
    expected.map((p: any) => [
      p.epsilon === null ? 'inf (no budget)' : shown(p.epsilon),
      p.kind,
      shown(p.iv_total),
      shown(p.cost),
      String(p.features.length),
    ]),
  )
  const proxies = records(tableUnder(md, 'Proxy features (highest IV for the group first)'))
  assert.deepEqual(
    proxies.map((x) => [x.feature, x.iv_protected]),
    [...r.proxies].sort(byDesc('iv_protected')).map((p: any) => [p.feature, shown(p.iv_protected)]),
  )
})
