import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {computeBaselines} from '../../../../src/families/uq/kernels/baselines.js'
import {
  lcsLength,
  lexicalSimilarityUncertainty,
  rougeLF,
  rougeTokens,
} from '../../../../src/families/uq/kernels/lexical-similarity.js'
import {similarityMatrix} from '../../../../src/families/uq/kernels/similarity-matrix.js'
import {symmetricEigen} from '../../../../src/families/uq/kernels/symmetric-eigen.js'
import {lexicalSimilarityMatrix} from '../../../../src/families/uq/kernels/hashed-tfidf.js'

const ref = JSON.parse(readFileSync(new URL('../../../fixtures/uq/reference.json', import.meta.url), 'utf8')).golden
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

// Spec uq.md §6 (10 significant digits printed).
const cases = [
  {
    name: 'input 0 (3 responses)',
    vectors: R.slice(0, 3),
    spec: {
      degmat: 0.0105835288,
      eigv: 1.0107112325,
      eccentricity: 0.0018922033,
      kle: 0.9119096368,
      kernel_entropy: -0.9841247068,
    },
    ref: ref.baselines_input0,
  },
  {
    name: 'all 12 pooled',
    vectors: R,
    spec: {
      degmat: 0.5298095002,
      eigv: 2.3869882762,
      eccentricity: 1.4151088415,
      kle: 0.886173791,
      kernel_entropy: -0.4220259998,
    },
    ref: ref.baselines_pooled,
  },
]

for (const c of cases) {
  test(`baselines on the spec toy, ${c.name}: spec values (5e-11) and numpy/scipy (1e-12)`, () => {
    const m = c.vectors.length
    const b = computeBaselines({w: similarityMatrix(c.vectors, 3, 'abs-cos'), m, texts: Array(m).fill('a')})
    for (const [k, v] of Object.entries(c.spec)) {
      const got = b[k as keyof typeof b] as number
      assert.ok(Math.abs(got - v) <= 5e-11 + 1e-12, `${k}: ${got} vs spec ${v}`)
      assert.ok(Math.abs(got - c.ref[k]) <= 1e-12, `${k}: ${got} vs numpy ${c.ref[k]}`)
    }
    assert.equal(b.num_sets, c.ref.num_sets)
    assert.ok(Math.abs((b.semantic_entropy_approx as number) - c.ref.semantic_entropy_approx) <= 1e-12)
    assert.equal(b.p_true, null)
  })
}

test('Jacobi eigen-decomposition reconstructs A = V Λ Vᵀ with orthonormal V', () => {
  const n = 6
  const a = Float64Array.from(
    {length: n * n},
    (_, k) => Math.sin(k * 1.7) + Math.sin(((k % n) * n + Math.floor(k / n)) * 1.7),
  )
  const {values, vectors} = symmetricEigen(a, n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rec = 0
      let orth = 0
      for (let k = 0; k < n; k++) {
        rec += vectors[i * n + k] * values[k] * vectors[j * n + k]
        orth += vectors[k * n + i] * vectors[k * n + j]
      }
      assert.ok(Math.abs(rec - a[i * n + j]) < 1e-12)
      assert.ok(Math.abs(orth - (i === j ? 1 : 0)) < 1e-12)
    }
  }
  for (let k = 1; k < n; k++) assert.ok(values[k] >= values[k - 1])
})

test('ROUGE-L: tokens, LCS and F-measure by hand', () => {
  assert.deepEqual(rougeTokens("Sinclair Lewis, Jr.'s"), ['sinclair', 'lewis', 'jr', 's'])
  assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e']), 3)
  // P = 3/4, R = 3/4 → F = 0.75
  assert.equal(rougeLF(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e']), 0.75)
  // pairs: (x y, x y)=1, (x y, z)=0, (x y, z)=0 → −1/3
  assert.equal(lexicalSimilarityUncertainty(['x y', 'X, y', 'z']), -1 / 3)
  assert.equal(lexicalSimilarityUncertainty(['one']), null)
})

test('lexical embedder: identical texts similarity 1, disjoint alphabets 0, symmetric, within [0, 1]', () => {
  const s = lexicalSimilarityMatrix(['Sinclair Lewis', 'sinclair lewis', 'Upton Sinclair', '12345'], 'abs-cos')
  assert.ok(Math.abs(s[1] - 1) < 1e-12)
  assert.equal(s[3], 0)
  assert.ok(s[2] > 0.1 && s[2] < 0.9, `partial overlap ${s[2]}`)
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.equal(s[i * 4 + j], s[j * 4 + i])
})
