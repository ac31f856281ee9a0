import {test} from 'node:test'
import assert from 'node:assert/strict'
import {auroc} from '../../../../src/families/uq/kernels/auroc.js'
import {averagePrecision} from '../../../../src/families/uq/kernels/average-precision.js'
import {isotonicBrier, isotonicFit} from '../../../../src/families/uq/kernels/isotonic-brier.js'
import {predictionRejectionRatio, rejectionCurve} from '../../../../src/families/uq/kernels/prediction-rejection.js'
import {temperatureSensitivity} from '../../../../src/families/uq/kernels/temperature-sensitivity.js'

test('AUROC: perfect, reversed, all tied, and mid-rank ties by hand', () => {
  assert.equal(auroc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), 1)
  assert.equal(auroc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]), 0)
  assert.equal(auroc([0, 1, 0, 1], [1, 1, 1, 1]), 0.5)
  // pairs (pos, neg): pos {0.5, 0.9}, neg {0.5, 0.1}: 0.5 vs 0.5 → ½, 0.5>0.1 → 1, 0.9 > both → 2 ⇒ 3.5/4
  assert.equal(auroc([1, 1, 0, 0], [0.5, 0.9, 0.5, 0.1]), 0.875)
  assert.equal(auroc([1, 1], [0.1, 0.2]), null)
})

test('average precision by hand (sklearn convention, ties enter together)', () => {
  // scores desc: 0.9 (1), 0.8 (0), 0.7 (1): AP = ½·1 + ½·(2/3)
  assert.ok(Math.abs((averagePrecision([1, 0, 1], [0.9, 0.8, 0.7]) as number) - (0.5 + 1 / 3)) < 1e-15)
  // all tied: one threshold, precision = base rate
  assert.equal(averagePrecision([1, 0, 1, 0], [1, 1, 1, 1]), 0.5)
  assert.equal(averagePrecision([0, 0], [1, 2]), null)
})

test('PRR: oracle 1, anti-oracle below 0, ties are the random expectation 0', () => {
  const q = [1, 0, 1, 1, 0]
  assert.equal(
    predictionRejectionRatio(
      q,
      q.map((x) => -x),
    ),
    1,
  )
  assert.ok((predictionRejectionRatio(q, q) as number) < 0)
  assert.ok(Math.abs(predictionRejectionRatio(q, [3, 3, 3, 3, 3]) as number) < 1e-15)
  assert.equal(predictionRejectionRatio([1, 1], [0.2, 0.1]), null)
  // curve: least uncertain first: U = [0.1 (q1), 0.2 (q0)] → [1, 0.5]
  assert.deepEqual(Array.from(rejectionCurve([0, 1], [0.2, 0.1])), [1, 0.5])
})

test('isotonic Brier: monotone data fit exactly (0), a violator pooled by hand', () => {
  assert.equal(isotonicBrier([0, 0, 1, 1], [4, 3, 2, 1]), 0)
  // confidence −U = [1, 2, 3] with labels [1, 0, 1]: pool first two → 0.5, 0.5, 1 ⇒ Brier = (0.25 + 0.25 + 0)/3
  assert.deepEqual(Array.from(isotonicFit([1, 2, 3], [1, 0, 1])), [0.5, 0.5, 1])
  assert.ok(Math.abs(isotonicBrier([1, 0, 1], [-1, -2, -3]) - 1 / 6) < 1e-15)
  // ties in the score are pooled first (labels 1 and 0 at the same score → 0.5 each)
  assert.deepEqual(Array.from(isotonicFit([1, 1, 2], [1, 0, 1])), [0.5, 0.5, 1])
})

test('TSU: strict increase only; items missing a temperature are not counted', () => {
  const s = [
    new Map([
      [0.3, 1],
      [0.7, 2],
      [1.0, 3],
    ]),
    new Map([
      [0.3, 1],
      [0.7, 1],
      [1.0, 3],
    ]), // tie fails
    new Map([
      [0.3, 2],
      [0.7, 1],
      [1.0, 3],
    ]),
    new Map([
      [0.3, 1],
      [1.0, 3],
    ]), // lacks 0.7
  ] as Map<number, number | null>[]
  assert.deepEqual(temperatureSensitivity(s, [1.0, 0.3, 0.7]), {temperatures: [0.3, 0.7, 1.0], tsu: 100 / 3, items: 3})
  assert.equal(temperatureSensitivity(s, [0.3, 1.0]).tsu, 100)
  assert.equal(temperatureSensitivity(s, [2]).tsu, null)
})
