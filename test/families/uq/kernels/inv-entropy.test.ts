import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {createXoshiro128} from '../../../../src/core/random/xoshiro128.js'
import {computeDrawDistributions} from '../../../../src/families/uq/kernels/draw-distributions.js'
import {createFusedDrawEvaluator, drawMeasuresOf} from '../../../../src/families/uq/kernels/draw-evaluator.js'
import {computeDrawMeasures} from '../../../../src/families/uq/kernels/draw-measures.js'
import {measureDraw, responseOffsets, scoreInvEntropy} from '../../../../src/families/uq/kernels/inv-entropy-score.js'
import {rowNormalize} from '../../../../src/families/uq/kernels/row-normalize.js'
import {selectDraws} from '../../../../src/families/uq/kernels/draw-selection.js'
import {similarityMatrix, type SimilarityKind} from '../../../../src/families/uq/kernels/similarity-matrix.js'

const ref = JSON.parse(readFileSync(new URL('../../../fixtures/uq/reference.json', import.meta.url), 'utf8')).golden

// Spec uq.md §6 toy item: 4 inputs, r = 3, 3-d embeddings.
const Q = [
  [1, 0, 0],
  [0.9, 0.1, 0],
  [0.8, 0.3, 0.1],
  [0.6, 0.2, 0.5],
]
const R = [
  [1, 0, 0],
  [1, 0, 0],
  [0.9, 0.2, 0],
  [1, 0, 0],
  [0.2, 1, 0],
  [1, 0.1, 0],
  [0, 1, 0],
  [0.1, 1, 0.1],
  [1, 0, 0],
  [0, 0, 1],
  [0.3, 0.3, 1],
  [0, 1, 0],
]
const toy = (kind: SimilarityKind) => ({
  m: 4,
  inputSimilarity: similarityMatrix(Q, 3, kind),
  responseCounts: [3, 3, 3, 3],
  responseSimilarity: similarityMatrix(R, 3, kind),
})

// The spec's table, printed to 9–10 significant digits: tolerance half a unit of the last printed digit.
const spec = {
  'abs-cos': {
    first: [1.420166484, 1.4182319707, 0.0083035137, 0.25, 0.3186096731],
    mean81: [1.4069503548, 1.4045404142, 0.0094483879, 0.2688107597, 0.29179495],
  },
  'shifted-cos': {
    first: [1.390681998, 1.3887389123, 0.0129442904, 0.2666666667, 0.2688272738],
    mean81: [1.3893057853, 1.3875167705, 0.0098780942, 0.2635262398, 0.2646258145],
  },
} as const
const printedTol = [5e-10, 5e-11, 5e-11, 5e-11, 5e-11]
const order = ['invEntropy', 'niEntropy', 'wdPxPy', 'maxPy', 'maxPyGivenX'] as const
const refKey = {
  invEntropy: 'inv_entropy',
  niEntropy: 'ni_entropy',
  wdPxPy: 'wd_px_py',
  maxPy: 'max_py',
  maxPyGivenX: 'max_py_given_x',
} as const

for (const kind of ['abs-cos', 'shifted-cos'] as const) {
  test(`golden toy vectors (${kind}): first-response draw and the mean over all 81 tuples`, () => {
    const sim = toy(kind)
    const first = measureDraw(
      sim,
      rowNormalize(sim.inputSimilarity, 4),
      new Int32Array(4),
      responseOffsets([3, 3, 3, 3]),
    )
    const all = scoreInvEntropy(sim, {draws: 81, uniqueTuples: true}, createXoshiro128(0))
    assert.equal(all.drawsUsed, 81)
    order.forEach((k, i) => {
      assert.ok(
        Math.abs(first[k] - spec[kind].first[i]) <= Math.max(printedTol[i], 5e-10 * 0.1),
        `${k} first: ${first[k]} vs spec ${spec[kind].first[i]}`,
      )
      assert.ok(
        Math.abs(all[k] - spec[kind].mean81[i]) <= 5e-10,
        `${k} mean81: ${all[k]} vs spec ${spec[kind].mean81[i]}`,
      )
      // full-precision numpy reference
      assert.ok(Math.abs(first[k] - ref[kind].first[refKey[k]]) <= 1e-12, `${k} vs numpy ${ref[kind].first[refKey[k]]}`)
      assert.ok(Math.abs(all[k] - ref[kind].mean81[refKey[k]]) <= 1e-12, `${k} mean81 vs numpy`)
    })
    assert.equal(all.nrInvEntropy, first.invEntropy)
  })
}

test('abs-cos first draw: diag P(x|y) and P(X) as printed in the spec (6 decimals)', () => {
  const sim = toy('abs-cos')
  const px = rowNormalize(sim.inputSimilarity, 4)
  const idx = [0, 3, 6, 9]
  const sy = new Float64Array(16)
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) sy[i * 4 + j] = sim.responseSimilarity[idx[i] * 12 + idx[j]]
  const d = computeDrawDistributions(px, rowNormalize(sy, 4), 4)
  ;[0.269764, 0.269751, 0.26713, 0.297445].forEach((v, i) => assert.ok(Math.abs(d.pXGivenYDiag[i] - v) < 5e-7))
  ;[0.252329, 0.256213, 0.258065, 0.233393].forEach((v, i) => assert.ok(Math.abs(d.pX[i] - v) < 5e-7))
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0)
  assert.ok(Math.abs(sum(d.pX) - 1) < 1e-14 && Math.abs(sum(d.pY) - 1) < 1e-14)
})

test('paper Sec. 2.5 closed form (n = 9, eps_x = .3, eps_y = .6): P(x_i|y_i) = 0.1048243002', () => {
  const n = 10
  const s = (e: number) => Float64Array.from({length: n * n}, (_, k) => (k % (n + 1) === 0 ? 1 : 1 - e))
  const d = computeDrawDistributions(rowNormalize(s(0.3), n), rowNormalize(s(0.6), n), n)
  assert.ok(Math.abs(d.pXGivenYDiag[0] - 0.1048243002) < 5e-11)
  assert.ok(Math.abs(d.pXGivenYDiag[0] - ref.closed_form.formula) < 1e-15)
})

test('draw selection: enumerates all tuples when few, samples distinct tuples otherwise, reproducibly', () => {
  const few = selectDraws([2, 1, 3], {draws: 20, uniqueTuples: true}, createXoshiro128(1))
  assert.equal(few.length, 6)
  assert.equal(new Set(few.map((t) => t.join())).size, 6)
  const many = selectDraws([3, 3, 3, 3], {draws: 20, uniqueTuples: true}, createXoshiro128(5, 3))
  assert.equal(new Set(many.map((t) => t.join())).size, 20)
  assert.deepEqual(selectDraws([3, 3, 3, 3], {draws: 20, uniqueTuples: true}, createXoshiro128(5, 3)), many)
  for (const t of many) t.forEach((k) => assert.ok(k >= 0 && k < 3))
})

// Up to 64 draws a repeat is found by scanning the keys drawn so far, above that with a Set: both must
// reject exactly the repeats, so 64 draws are the first 64 of 65 drawn from the same stream. With 81
// tuples, 64–65 draws repeat often. Without uniqueness repeats are kept.
test('draw selection: the scanned (≤ 64 draws) and hashed (> 64) repeat checks accept the same tuples', () => {
  for (const stream of [0, 1, 2]) {
    const scanned = selectDraws([3, 3, 3, 3], {draws: 64, uniqueTuples: true}, createXoshiro128(8, stream))
    const hashed = selectDraws([3, 3, 3, 3], {draws: 65, uniqueTuples: true}, createXoshiro128(8, stream))
    assert.equal(new Set(hashed.map((t) => t.join())).size, 65)
    assert.deepEqual(scanned, hashed.slice(0, 64))
  }
  const repeats = selectDraws([3, 3, 3, 3], {draws: 64, uniqueTuples: false}, createXoshiro128(8, 0))
  assert.ok(new Set(repeats.map((t) => t.join())).size < 64)
})

test('similarity: zero vectors give cosine 0 (abs-cos 0, shifted-cos 0.5), diagonal 1, symmetric', () => {
  const a = similarityMatrix(
    [
      [0, 0],
      [1, 0],
      [-1, 0],
    ],
    2,
    'abs-cos',
  )
  assert.deepEqual(Array.from(a), [1, 0, 0, 0, 1, 1, 0, 1, 1])
  const b = similarityMatrix(
    [
      [0, 0],
      [1, 0],
      [-1, 0],
    ],
    2,
    'shifted-cos',
  )
  assert.deepEqual(Array.from(b), [1, 0.5, 0.5, 0.5, 1, 0, 0.5, 0, 1])
})

// computeDrawDistributions forms no matrix product (O(m²)); P(X) associates as ((π·Py)·Py)·Px. Against the
// textbook O(m³) form pY·(Py·Px) on random row-stochastic matrices the two agree to a few ulps: tolerance
// 4 ulps of 1 in absolute terms (every entry is a probability ≤ 1), the diagonal exactly (same sum order).
test('draw distributions without the m×m product equal pY·(Py·Px) to 4 ulps, the diagonal exactly', () => {
  const ULP4 = 4 * Number.EPSILON
  const rng = createXoshiro128(11, 2)
  for (const m of [2, 3, 10, 25]) {
    for (let rep = 0; rep < 20; rep++) {
      const random = () => Float64Array.from({length: m * m}, (_, k) => (k % (m + 1) === 0 ? 1 : rng.nextFloat()))
      const px = rowNormalize(random(), m)
      const py = rowNormalize(random(), m)
      const product = new Float64Array(m * m) // (Py·Px)[j, i]
      for (let j = 0; j < m; j++)
        for (let k = 0; k < m; k++) for (let i = 0; i < m; i++) product[j * m + i] += py[j * m + k] * px[k * m + i]
      const d = computeDrawDistributions(px, py, m)
      for (let i = 0; i < m; i++) {
        let pX = 0
        for (let j = 0; j < m; j++) pX += d.pY[j] * product[j * m + i]
        assert.equal(d.pXGivenYDiag[i], product[i * m + i])
        assert.ok(Math.abs(d.pX[i] - pX) <= ULP4, `m=${m} pX[${i}]: ${d.pX[i]} vs ${pX}`)
        const q = (product[i * m + i] * d.pY[i]) / pX
        assert.ok(Math.abs(d.pYGivenXDiag[i] - q) <= ULP4 * Math.max(1, q / pX), `m=${m} P(y|x)[${i}]`)
      }
    }
  }
})

// With fewer vectors than dimensions the cosines come from core/linalg's Gram routine (BLAS or SIMD, blocked
// sums); otherwise from row dot products. Both against a left-to-right cosine: 8 ulps of 1.
test('similarity via the Gram routine (n < dim) and via row dot products (n ≥ dim) equal plain cosines', () => {
  const rng = createXoshiro128(3, 9)
  for (const [n, dim] of [
    [50, 128],
    [7, 8],
    [12, 5],
    [6, 6],
  ]) {
    const vectors = Array.from({length: n}, () => Array.from({length: dim}, () => rng.nextFloat() - 0.5))
    vectors[1] = vectors[1].map(() => 0) // a zero vector: cosine 0
    for (const kind of ['abs-cos', 'shifted-cos'] as const) {
      const s = similarityMatrix(vectors, dim, kind)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const a = vectors[i]
          const b = vectors[j]
          const na = Math.hypot(...a)
          const nb = Math.hypot(...b)
          const cos = na === 0 || nb === 0 ? 0 : a.reduce((t, x, k) => t + x * b[k], 0) / (na * nb)
          const expected = i === j ? 1 : kind === 'abs-cos' ? Math.abs(cos) : (1 + cos) / 2
          assert.ok(Math.abs(s[i * n + j] - expected) <= 8 * Number.EPSILON, `${n}x${dim} ${kind} [${i},${j}]`)
          assert.equal(s[i * n + j], s[j * n + i])
        }
    }
  }
})

// The scorer's fused per-draw kernel keeps every sum in the order of the readable form
// (draw-distributions + draw-measures), so the measures must be identical, not merely close.
test('fused draw evaluator equals draw-distributions + draw-measures bit for bit', () => {
  const rng = createXoshiro128(7, 1)
  for (const [m, r] of [
    [2, 1],
    [4, 3],
    [10, 5],
    [25, 2],
  ]) {
    const total = m * r
    const random = (n: number) => Float64Array.from({length: n * n}, () => rng.nextFloat())
    const s = random(total)
    for (let i = 0; i < total; i++) for (let j = 0; j < i; j++) s[i * total + j] = s[j * total + i]
    const px = rowNormalize(random(m), m)
    const evaluate = createFusedDrawEvaluator(s, total, px, m)
    const out = new Float64Array(5)
    for (let rep = 0; rep < 10; rep++) {
      const flat = Int32Array.from({length: m}, (_, i) => i * r + rng.nextInt(r))
      const sy = new Float64Array(m * m)
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sy[i * m + j] = i === j ? 1 : s[flat[i] * total + flat[j]]
      const expected = computeDrawMeasures(computeDrawDistributions(px, rowNormalize(sy, m), m))
      evaluate(flat, out)
      assert.deepEqual(drawMeasuresOf(out), expected, `m=${m} r=${r}`)
    }
  }
})

// Cosines come from the Gram of the raw rows, scaled by the norms, unless a squared norm is outside
// [1e-250, 1e250]; then the rows are normalised first (as before), so huge or tiny vectors still work.
test('similarity of huge and tiny vectors equals that of the same directions at unit scale', () => {
  const rng = createXoshiro128(4, 4)
  const unit = Array.from({length: 6}, () => Array.from({length: 16}, () => rng.nextFloat() - 0.5))
  const reference = similarityMatrix(unit, 16, 'abs-cos')
  for (const scale of [1e140, 1e-140]) {
    const scaled = similarityMatrix(
      unit.map((v, i) => v.map((x) => (i === 2 ? x * scale : x))),
      16,
      'abs-cos',
    )
    scaled.forEach((v, k) => assert.ok(Math.abs(v - reference[k]) <= 8 * Number.EPSILON, `scale ${scale} [${k}]`))
  }
  assert.throws(
    () => similarityMatrix([unit[0], unit[1].map((x, k) => (k === 3 ? NaN : x)), unit[2]], 16, 'abs-cos'),
    /expected finite values, found NaN at \[1, 0\]/, // the row normalised first, as before,
  )
})
