import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {germanSplit} from './german-split.js'

// Spec credit.md §6.3: PSI train (expected) → test (actual) with train-fitted bins; 4 decimals (5e-5), p 3 digits.
const TABLE: [string, number, number, number][] = [
  ['personal_status_and_sex', 2.8996, 0.6714, 1.08e-101],
  ['duration_in_month', 0.0496, 0.0308, 1.66e-1],
  ['age_in_years', 0.0458, 0.0296, 3.83e-1],
  ['purpose', 0.0405, 0.0279, 4.85e-1],
  ['credit_amount', 0.0211, 0.0201, 8.81e-1],
  ['present_residence_since', 0.0204, 0.0198, 2.33e-1],
  ['status_of_existing_checking_account', 0.0165, 0.0177, 3.27e-1],
  ['credit_history', 0.0163, 0.0177, 4.89e-1],
  ['savings_account_and_bonds', 0.0159, 0.0174, 5.02e-1],
  ['present_employment_since', 0.0135, 0.016, 5.86e-1],
  ['property', 0.0093, 0.0133, 5.83e-1],
  ['number_of_existing_credits_at_this_bank', 0.0077, 0.0121, 4.47e-1],
  ['job', 0.0074, 0.0119, 6.71e-1],
  ['housing', 0.0066, 0.0112, 5.0e-1],
  ['installment_rate_in_percentage_of_disposable_income', 0.004, 0.0088, 8.39e-1],
  ['number_of_people_being_liable_to_provide_maintenance_for', 0.0034, 0.0081, 3.96e-1],
  ['telephone', 0.0022, 0.0064, 5.0e-1],
  ['other_debtors_or_guarantors', 0.0012, 0.0048, 8.8e-1],
  ['other_installment_plans', 0.0005, 0.003, 9.52e-1],
  ['foreign_worker', 0.0, 0.0003, 9.71e-1],
]

const split = germanSplit()
const bins = join(split.dir, 'bins.json')
const clean = join(split.dir, 'bins-clean.json')
runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', bins, '--quiet'])
runCli([
  'credit',
  'bin',
  split.train,
  '--target',
  'creditability',
  '--exclude',
  'personal_status_and_sex',
  '--out',
  clean,
  '--quiet',
])

test('PSI, SE and χ² p of every feature match spec table 6.3', () => {
  const {json, result} = runCliJson(['credit', 'psi', split.train, split.test, '--bins', bins])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'credit-psi.schema.json')
  const by = new Map<string, any>(json.result.features.map((f: any) => [f.feature, f]))
  for (const [name, psi, se, p] of TABLE) {
    const f = by.get(name)
    assert.ok(Math.abs(f.psi - psi) <= 5.01e-5, `${name} psi ${f.psi}`)
    assert.ok(Math.abs(f.psi_se_delta - se) <= 5.01e-5, `${name} se ${f.psi_se_delta}`)
    assert.ok(Math.abs(f.chi2_p - p) / p < 5.1e-3, `${name} p ${f.chi2_p}`)
  }
  // critical PSI at α = 0.05, k = 10 for the 700/300 split: 16.919·(1/700 + 1/300) = 0.0806 (spec §2.5)
  assert.ok(Math.abs(by.get('age_in_years').critical_psi - 16.918977604620448 * (1 / 700 + 1 / 300)) < 1e-9)
})

test('--fail-on drift exits 3 when a feature drifts and 0 when none does', () => {
  const out = join(split.dir, 'psi.json')
  const bad = runCli([
    'credit',
    'psi',
    split.train,
    split.test,
    '--bins',
    bins,
    '--fail-on',
    'drift',
    '--out',
    out,
    '--quiet',
  ])
  assert.equal(bad.status, 3, bad.stderr)
  assert.match(bad.stderr, /^infolens: error: drift gate: 1 feature\(s\) drifted: personal_status_and_sex\n$/)
  assert.ok(existsSync(out), 'the report is still written before the gate fails')
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')).result.drifted, ['personal_status_and_sex'])
  const ok = runCli(['credit', 'psi', split.train, split.test, '--bins', clean, '--fail-on', 'drift', '--quiet'])
  assert.equal(ok.status, 0, ok.stderr)
  const rule = runCli(['credit', 'psi', split.train, split.test, '--bins', bins, '--fail-on', 'rule', '--quiet'])
  assert.equal(rule.status, 3)
})

test('IV equals PSI(good → bad): the identity of spec §2.3', () => {
  const {json} = runCliJson([
    'credit',
    'bin',
    split.train,
    '--target',
    'creditability',
    '--features',
    'status_of_existing_checking_account',
  ])
  const f = json.result.features[0]
  // goods and bads of each bin as two "samples": PSI over the same bins is the IV
  const {jeffreys} = {
    jeffreys: (p: number[], q: number[]) => p.reduce((s, v, i) => s + (q[i] - v) * Math.log(q[i] / v), 0),
  }
  const G = f.table.reduce((s: number, r: any) => s + r.goods, 0)
  const B = f.table.reduce((s: number, r: any) => s + r.bads, 0)
  const psi = jeffreys(
    f.table.map((r: any) => r.goods / G),
    f.table.map((r: any) => r.bads / B),
  )
  assert.ok(Math.abs(psi - f.iv) < 1e-12)
})

/** Independent delta SE of PSI from a bin table (spec §2.4 (a) with the §2.11 zero rule); `fixed` drops the expected term. */
function deltaSe(table: {expected: number; actual: number}[], fixed: boolean): number {
  const kept = table.filter((r) => r.expected + r.actual > 0)
  const nE = kept.reduce((s, r) => s + r.expected, 0)
  const nA = kept.reduce((s, r) => s + r.actual, 0)
  const ef = kept.map((r) => r.expected || 0.5)
  const af = kept.map((r) => r.actual || 0.5)
  const e = ef.map((v) => v / ef.reduce((s, x) => s + x, 0))
  const a = af.map((v) => v / af.reduce((s, x) => s + x, 0))
  const alpha = e.map((p, i) => Math.log(p / a[i]) + 1 - a[i] / p)
  const gamma = e.map((p, i) => -Math.log(p / a[i]) + 1 - p / a[i])
  const variance = (w: number[], d: number[]) =>
    w.reduce((s, p, i) => s + p * d[i] * d[i], 0) - w.reduce((s, p, i) => s + p * d[i], 0) ** 2
  return Math.sqrt((fixed ? 0 : variance(e, alpha) / nE) + variance(a, gamma) / nA)
}

test('--fixed-reference drops the expected sample variance (SE, T = N_A·PSI, critical χ²/N_A)', () => {
  const full = runCliJson(['credit', 'psi', split.train, split.test, '--bins', clean])
  const fixed = runCliJson(['credit', 'psi', split.train, split.test, '--bins', clean, '--fixed-reference'])
  assert.equal(fixed.result.status, 0, fixed.result.stderr)
  assertMatchesSchema(fixed.json, 'credit-psi.schema.json')
  assert.equal(fixed.json.result.fixed_reference, true)
  assert.equal(full.json.result.fixed_reference, false)
  full.json.result.features.forEach((f: any, i: number) => {
    const g = fixed.json.result.features[i]
    assert.equal(g.psi, f.psi)
    assert.ok(
      Math.abs(f.psi_se_delta - deltaSe(f.table, false)) <= 1e-12 * f.psi_se_delta + 1e-15,
      `${f.feature} full SE`,
    )
    assert.ok(
      Math.abs(g.psi_se_delta - deltaSe(g.table, true)) <= 1e-12 * g.psi_se_delta + 1e-15,
      `${f.feature} fixed SE`,
    )
    assert.ok(g.psi_se_delta <= f.psi_se_delta)
    assert.ok(Math.abs(g.chi2_stat - 300 * g.psi) <= 1e-12 * g.chi2_stat + 1e-15, `${f.feature} T`)
  })
  const age = fixed.json.result.features.find((f: any) => f.feature === 'age_in_years')
  assert.ok(Math.abs(age.critical_psi - 16.918977604620448 / 300) < 1e-12)
})

test('a bad ACTUAL file (counted on the worker thread) is a one-line exit-2 error naming it', () => {
  const ragged = join(split.dir, 'ragged-actual.csv')
  const lines = readFileSync(split.test, 'utf8').split('\n')
  lines[5] = lines[5].endsWith('\r') ? 'a,b,c\r' : 'a,b,c' // keep the file's line ending (CRLF)
  writeFileSync(ragged, lines.join('\n'))
  const out = join(split.dir, 'psi-ragged.json')
  const r = runCli(['credit', 'psi', split.train, ragged, '--bins', clean, '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, /^infolens: error: .*ragged-actual\.csv: line 6: expected 21 fields, found 3\n$/)
  assert.ok(!existsSync(out))
})
