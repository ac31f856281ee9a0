import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {germanCsv, germanSplit} from './german-split.js'

const split = germanSplit()
const allBins = join(split.dir, 'all-bins.json')
runCli(['credit', 'bin', germanCsv, '--target', 'creditability', '--out', allBins, '--quiet'])
const base = [
  'credit',
  'fairness',
  germanCsv,
  '--target',
  'creditability',
  '--bins',
  allBins,
  '--protected',
  'age_in_years<=25',
  '--exclude',
  'personal_status_and_sex',
]

// Spec credit.md §6.6 (proxy IV and SE w.r.t. age ≤ 25, all rows) and §6.7 (exact Pareto selection).
const PROXY: [string, number, number][] = [
  ['housing', 0.5703, 0.1259],
  ['present_employment_since', 0.4558, 0.1143],
  ['job', 0.3117, 0.1012],
  ['number_of_people_being_liable_to_provide_maintenance_for', 0.2946, 0.0965],
  ['credit_history', 0.2569, 0.0823],
  ['purpose', 0.2073, 0.0744],
  ['telephone', 0.1944, 0.0714],
  ['number_of_existing_credits_at_this_bank', 0.1647, 0.0703],
  ['status_of_existing_checking_account', 0.1328, 0.0588],
  ['property', 0.1295, 0.0597],
  ['present_residence_since', 0.0556, 0.0383],
  ['duration_in_month', 0.0366, 0.031],
  ['credit_amount', 0.0347, 0.0301],
  ['savings_account_and_bonds', 0.0294, 0.0277],
  ['foreign_worker', 0.0263, 0.027],
  ['installment_rate_in_percentage_of_disposable_income', 0.0263, 0.0262],
  ['other_installment_plans', 0.0159, 0.0204],
  ['other_debtors_or_guarantors', 0.0027, 0.0083],
]
const FRONTIER: [number | null, number, number, number, number][] = [
  [0.1, 0.5322, 4, 0.2465, 1],
  [0.2, 1.1086, 3, 0.4746, 3],
  [0.4, 1.4245, 7, 1.1086, 3],
  [0.8, 1.8445, 10, 1.4245, 7],
  [1.6, 2.0585, 14, 1.9308, 10],
  [null, 2.157, 18, 2.157, 18],
]

test('proxy IVs and the exact Pareto frontier match spec §6.6–6.7; SVG plot written', () => {
  const plot = join(split.dir, 'frontier.svg')
  const {json, result} = runCliJson([...base, '--plot', plot])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'credit-fairness.schema.json')
  const by = new Map<string, any>(json.result.proxies.map((p: any) => [p.feature, p]))
  for (const [name, iv, se] of PROXY) {
    assert.ok(Math.abs(by.get(name).iv_protected - iv) <= 5.01e-5, `${name} ${by.get(name).iv_protected}`)
    assert.ok(Math.abs(by.get(name).se_protected - se) <= 5.01e-5, `${name} se`)
  }
  assert.ok(Math.abs(json.result.group_default_iv.iv - 0.0732) < 5e-5)
  for (const [eps, point, np, robust, nr] of FRONTIER) {
    const p = json.result.frontier.find((f: any) => f.epsilon === eps && f.kind === 'point')
    const r = json.result.frontier.find((f: any) => f.epsilon === eps && f.kind === 'robust')
    assert.ok(
      Math.abs(p.iv_total - point) < 5.01e-5 && p.features.length === np,
      `point ${eps}: ${p.iv_total} (${p.features.length})`,
    )
    assert.ok(
      Math.abs(r.iv_total - robust) < 5.01e-5 && r.features.length === nr,
      `robust ${eps}: ${r.iv_total} (${r.features.length})`,
    )
  }
  assert.match(readFileSync(plot, 'utf8'), /^<svg/)
})

test('the HiGHS MIP reaches the same optimal ΣIV as exact enumeration', () => {
  const {json: e} = runCliJson(base)
  const {json: h, result} = runCliJson([...base, '--solver', 'highs'])
  assert.equal(result.status, 0, result.stderr)
  e.result.frontier.forEach((p: any, i: number) => {
    assert.equal(h.result.frontier[i].solver, 'highs')
    assert.ok(Math.abs(h.result.frontier[i].iv_total - p.iv_total) < 1e-9, `${p.kind} ${p.epsilon}`)
  })
})

test('score-level IV between age groups on the test set matches spec §6.5', () => {
  const bins = join(split.dir, 'bins.json')
  const card = join(split.dir, 'card.json')
  runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', bins, '--quiet'])
  runCli(['credit', 'scorecard', split.train, '--target', 'creditability', '--bins', bins, '--out', card, '--quiet'])
  const {json} = runCliJson([
    'credit',
    'fairness',
    split.test,
    '--target',
    'creditability',
    '--bins',
    bins,
    '--card',
    card,
    '--protected',
    'age_in_years<=25',
  ])
  const s = json.result.score_iv
  assert.equal(s.group_rows, 58)
  assert.ok(
    Math.abs(s.iv - 0.7306) < 5e-5 && Math.abs(s.se - 0.2745) < 5e-5 && Math.abs(s.upper - 1.1821) < 5e-5,
    JSON.stringify(s),
  )
  const {json: fw} = runCliJson([
    'credit',
    'fairness',
    split.test,
    '--target',
    'creditability',
    '--bins',
    bins,
    '--card',
    card,
    '--protected',
    'foreign_worker==yes',
  ])
  assert.equal(fw.result.score_iv.group_rows, 289)
  assert.ok(Math.abs(fw.result.score_iv.iv - 0.3889) < 5e-5 && Math.abs(fw.result.score_iv.se - 0.3853) < 5e-5)
})

test('a numeric protected expression on a text column is a one-line exit-2 error', () => {
  const out = join(split.dir, 'x.json')
  const r = runCli([
    'credit',
    'fairness',
    germanCsv,
    '--target',
    'creditability',
    '--bins',
    allBins,
    '--protected',
    'housing<=3',
    '--out',
    out,
  ])
  assert.equal(r.status, 2)
  assert.match(
    r.stderr,
    /^infolens: error: .*germancredit\.csv: housing: non-numeric value "own" at line 2: expected a number for housing<=3\n$/,
  )
  assert.ok(!existsSync(out))
})
