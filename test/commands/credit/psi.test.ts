import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../helpers/cli.js'
import {assertMatchesSchema} from '../../helpers/schema.js'
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
runCli(['credit', 'bin', split.train, '--target', 'creditability', '--exclude', 'personal_status_and_sex', '--out', clean, '--quiet'])

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
  const bad = runCli(['credit', 'psi', split.train, split.test, '--bins', bins, '--fail-on', 'drift', '--out', out, '--quiet'])
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
  const {json} = runCliJson(['credit', 'bin', split.train, '--target', 'creditability', '--features', 'status_of_existing_checking_account'])
  const f = json.result.features[0]
  // goods and bads of each bin as two "samples": PSI over the same bins is the IV
  const {jeffreys} = {jeffreys: (p: number[], q: number[]) => p.reduce((s, v, i) => s + (q[i] - v) * Math.log(q[i] / v), 0)}
  const G = f.table.reduce((s: number, r: any) => s + r.goods, 0)
  const B = f.table.reduce((s: number, r: any) => s + r.bads, 0)
  const psi = jeffreys(f.table.map((r: any) => r.goods / G), f.table.map((r: any) => r.bads / B))
  assert.ok(Math.abs(psi - f.iv) < 1e-12)
})
