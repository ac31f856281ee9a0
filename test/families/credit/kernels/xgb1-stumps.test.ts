import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {parse} from 'csv-parse/sync'
import {fitXgb1} from '../../../../src/families/credit/kernels/xgb1-stumps.js'

test('a single informative split is found at the float32 midpoint, left-closed', () => {
  // x < 2.5 → mostly good, x ≥ 2.5 → mostly bad: the first stump splits at (2+3)/2
  const x = Float64Array.from([1, 1, 2, 2, 3, 3, 4, 4, 1, 4])
  const y = [0, 0, 0, 0, 1, 1, 1, 1, 0, 1]
  const m = fitXgb1([x], y, {rounds: 1, learningRate: 0.1, lambda: 1, minChildWeight: 1})
  assert.equal(m.stumps[0].threshold, 2.5)
  // leaf values −G/(H+λ) at F = 0: g = 0.5 − y, h = 0.25
  assert.ok(Math.abs(m.stumps[0].left - -(5 * 0.5) / (5 * 0.25 + 1)) < 1e-15)
  assert.ok(Math.abs(m.stumps[0].right - (5 * 0.5) / (5 * 0.25 + 1)) < 1e-15)
})

test('min_child_weight blocks splits whose hessian is too small', () => {
  const x = Float64Array.from([1, 2, 3, 4])
  const m = fitXgb1([x], [0, 0, 1, 1], {rounds: 1, learningRate: 0.1, lambda: 1, minChildWeight: 1})
  assert.equal(m.stumps[0].column, -1) // each side would have H = 0.5 < 1
})

// Spec credit.md §6.4: XGB1 on the German train rows (numerics raw, categoricals one-hot with sorted levels),
// 300 rounds, η 0.1, λ 1, min_child_weight 1: thresholds of the numeric features.
test('German credit train: thresholds of spec table 6.4, unconstrained and monotone', () => {
  const records: string[][] = parse(
    readFileSync(new URL('../../../fixtures/credit/germancredit.csv', import.meta.url), 'utf8'),
  )
  const head = records[0]
  const rows = records.slice(1, 701)
  const t = head.indexOf('creditability')
  const y: number[] = rows.map((r) => (r[t] === 'bad' ? 1 : 0))
  const columns: Float64Array[] = []
  const numeric: [string, number][] = []
  head.forEach((h, j) => {
    if (j === t) return
    const values = rows.map((r) => r[j])
    if (values.every((v) => /^-?\d+(\.\d+)?$/.test(v))) {
      numeric.push([h, columns.length])
      columns.push(Float64Array.from(values, Number))
    } else
      for (const level of [...new Set(values)].sort())
        columns.push(Float64Array.from(values, (v) => (v === level ? 1 : 0)))
  })
  const options = {rounds: 300, learningRate: 0.1, lambda: 1, minChildWeight: 1}
  const free = fitXgb1(columns, y, options)
  const sign = (x: Float64Array) => {
    const mx = x.reduce((a, b) => a + b, 0) / x.length
    const my = y.reduce((a, b) => a + b, 0) / y.length
    return x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) > 0 ? 1 : -1
  }
  const monotone = fitXgb1(columns, y, {
    ...options,
    monotone: columns.map((x, j) => (numeric.some(([, c]) => c === j) ? sign(x) : 0)),
  })
  const get = (m: typeof free, name: string) => m.thresholds[numeric.find(([h]) => h === name)![1]]
  assert.deepEqual(get(free, 'duration_in_month'), [7.5, 11.5, 17.0, 26.5, 31.5])
  assert.deepEqual(
    get(free, 'credit_amount'),
    [429.5, 625.5, 959.5, 1387.0, 2100.5, 2319.5, 4189.5, 4231.0, 6438.5, 8630.5, 10841.5, 12296.5],
  )
  assert.deepEqual(get(free, 'installment_rate_in_percentage_of_disposable_income'), [2.5, 3.5])
  assert.deepEqual(get(free, 'present_residence_since'), [])
  assert.deepEqual(get(free, 'age_in_years'), [25.5, 34.5])
  assert.deepEqual(get(monotone, 'duration_in_month'), [7.5, 11.5, 17.0, 31.5])
  assert.deepEqual(get(monotone, 'credit_amount'), [429.5, 4189.5, 4231.0, 6438.5, 6686.5, 8630.5, 10841.5, 12296.5])
  assert.deepEqual(get(monotone, 'age_in_years'), [25.5, 34.5])
})
