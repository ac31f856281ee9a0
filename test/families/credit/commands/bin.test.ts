import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {germanCsv} from './german-split.js'

// Spec credit.md §6.1: quantile-10 / per-category bins, all 1000 rows, values printed to 4 decimals
// (tolerance 5e-5 absolute), p-values to 3 significant digits (0.5 % relative).
const TABLE: [string, number, number, number, number, number, number, number][] = [
  ['status_of_existing_checking_account', 4, 0.666, 0.6517, 0.1145, 0.0781, 0.1132, 4.05e-30],
  ['credit_history', 5, 0.2932, 0.2742, 0.0765, 0.0541, 0.0759, 1.35e-12],
  ['duration_in_month', 8, 0.2465, 0.2132, 0.0692, 0.0485, 0.0708, 6.47e-9],
  ['savings_account_and_bonds', 5, 0.196, 0.177, 0.0619, 0.0422, 0.0626, 2.49e-8],
  ['purpose', 10, 0.1692, 0.1263, 0.0572, 0.0396, 0.0603, 4.8e-5],
  ['credit_amount', 10, 0.1136, 0.0708, 0.0468, 0.0325, 0.0507, 4.52e-3],
  ['property', 4, 0.1126, 0.0984, 0.0466, 0.0314, 0.0478, 2.95e-5],
  ['age_in_years', 10, 0.1006, 0.0578, 0.0439, 0.0305, 0.0482, 1.21e-2],
  ['present_employment_since', 5, 0.0864, 0.0674, 0.0407, 0.0276, 0.0428, 1.15e-3],
  ['housing', 3, 0.0833, 0.0738, 0.0399, 0.026, 0.041, 1.59e-4],
  ['other_installment_plans', 3, 0.0576, 0.0481, 0.0333, 0.022, 0.0345, 2.36e-3],
  ['foreign_worker', 2, 0.0439, 0.0391, 0.0304, 0.0223, 0.0297, 2.4e-3],
  ['other_debtors_or_guarantors', 3, 0.032, 0.0225, 0.0249, 0.0176, 0.0265, 3.47e-2],
  ['installment_rate_in_percentage_of_disposable_income', 4, 0.0263, 0.012, 0.0224, 0.0145, 0.0252, 1.37e-1],
  ['number_of_existing_credits_at_this_bank', 3, 0.0114, 0.0019, 0.0148, 0.0095, 0.0176, 3.01e-1],
  ['job', 4, 0.0088, -0.0055, 0.0129, 0.0087, 0.0174, 6.06e-1],
  ['telephone', 2, 0.0064, 0.0016, 0.011, 0.0068, 0.0129, 2.47e-1],
  ['present_residence_since', 4, 0.0036, -0.0107, 0.0083, 0.0055, 0.0143, 8.61e-1],
  ['number_of_people_being_liable_to_provide_maintenance_for', 2, 0.0, -0.0047, 0.0009, 0.0006, 0.0068, 9.24e-1],
]

const {json, result} = runCliJson(['credit', 'bin', germanCsv, '--target', 'creditability', '--bad', 'bad'])
const byName = new Map<string, any>(json.result?.features?.map((f: any) => [f.feature, f]))

test('credit bin --json matches the schema', () => {
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'credit-bin.schema.json')
  assert.equal(json.result.goods, 700)
  assert.equal(json.result.bads, 300)
})

test('golden numbers: IV, SE and p of the checking account (spec §6 to 1e-9 / 4 digits / 3 digits)', () => {
  const f = byName.get('status_of_existing_checking_account')
  assert.ok(Math.abs(f.iv - 0.6660115034) < 1e-9, String(f.iv))
  assert.ok(Math.abs(f.iv_se_delta - 0.1145) < 5e-5)
  assert.ok(Math.abs(f.chi2_p - 4.05e-30) / 4.05e-30 < 5e-3, String(f.chi2_p))
  assert.equal(f.chi2_df, 3)
  // WoE rows in sorted string order with their good/bad counts
  assert.deepEqual(
    f.table.map((r: any) => [r.goods, r.bads]),
    [
      [139, 135],
      [49, 14],
      [164, 105],
      [348, 46],
    ],
  )
  const expected = [-0.8181, 0.4055, -0.4014, 1.1763]
  f.table.forEach((r: any, i: number) => assert.ok(Math.abs(r.woe - expected[i]) < 5e-5, `${r.bin} ${r.woe}`))
})

test('every feature of spec table 6.1 is reproduced (bins, IV, IVbc, three SEs, χ² p)', () => {
  for (const [name, bins, iv, ivbc, se, seFast, seNc, p] of TABLE) {
    const f = byName.get(name)
    assert.ok(f, name)
    assert.equal(f.bins, bins, name)
    for (const [got, want, what] of [
      [f.iv, iv, 'iv'],
      [f.iv_bias_corrected, ivbc, 'ivbc'],
      [f.iv_se_delta, se, 'se'],
      [f.iv_se_binwise, seFast, 'fastwoe'],
      [f.iv_se_ncchi2, seNc, 'ncchi2'],
    ] as const) {
      assert.ok(Math.abs(got - want) <= 5.01e-5, `${name} ${what}: ${got} vs ${want}`)
    }
    assert.ok(Math.abs(f.chi2_p - p) / p < 5.1e-3, `${name} p: ${f.chi2_p} vs ${p}`)
  }
})

test('bad-over-good flips the WoE sign and keeps IV and SE', () => {
  const {json: flipped} = runCliJson([
    'credit',
    'bin',
    germanCsv,
    '--target',
    'creditability',
    '--features',
    'status_of_existing_checking_account',
    '--woe-sign',
    'bad-over-good',
  ])
  const f = flipped.result.features[0]
  const g = byName.get('status_of_existing_checking_account')
  assert.equal(f.iv, g.iv)
  assert.equal(f.iv_se_delta, g.iv_se_delta)
  f.table.forEach((r: any, i: number) => assert.ok(Math.abs(r.woe + g.table[i].woe) < 1e-15))
})

// Independent numpy implementation on a generated data set with missing and special values
// (test/fixtures/credit/independent-reference.py): closed forms agree to 1e-9 relative.
test('generated data: IV, SEs and χ² p equal the independent numpy reference', () => {
  const ref = JSON.parse(
    readFileSync(new URL('../../../fixtures/credit/generated-reference.json', import.meta.url), 'utf8'),
  )
  const csv = new URL('../../../fixtures/credit/generated.csv', import.meta.url).pathname
  const {json: g, result: r} = runCliJson(['credit', 'bin', csv, '--target', 'y', '--special=-999'])
  assert.equal(r.status, 0, r.stderr)
  assertMatchesSchema(g, 'credit-bin.schema.json')
  for (const f of g.result.features) {
    const want = ref.iv[f.feature]
    assert.equal(f.bins, want.bins, f.feature)
    for (const k of ['iv', 'iv_bias_corrected', 'iv_se_delta', 'iv_se_binwise', 'iv_se_ncchi2', 'chi2_p']) {
      assert.ok(
        Math.abs(f[k] - want[k]) <= 1e-9 * Math.max(1e-3, Math.abs(want[k])),
        `${f.feature} ${k}: ${f[k]} vs ${want[k]}`,
      )
    }
    const woe = f.table.filter((row: any) => row.count > 0).map((row: any) => row.woe)
    woe.forEach((w: number, i: number) => assert.ok(Math.abs(w - want.woe[i]) < 1e-9, `${f.feature} woe ${i}`))
  }
  const x2 = g.result.features.find((f: any) => f.feature === 'x2')
  assert.deepEqual(
    x2.table.slice(-2).map((r: any) => r.bin),
    ['Missing', 'Special -999'],
  )
})
