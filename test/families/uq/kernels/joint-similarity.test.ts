/**
 * The joint-Gram similarities (kernels/joint-similarity.ts) and the scorer's reused scratch:
 * - both matrices within 8 ulps of 1 of a left-to-right cosine (the tolerance of the per-side path's
 *   test), exactly symmetric, diagonal 1, for rows read in place, packed Float64Arrays and plain arrays
 *   alike (the three give the same bits: the same Gram input);
 * - the reader's rows really are read in place (the no-copy path is the one the CLI takes);
 * - the cases it leaves to the per-side path: a missing or shorter vector, m + M ≥ dim, a huge norm;
 * - scoreRun with one scratch reused over runs of changing shapes equals scoreRun with a fresh one,
 *   bit for bit.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {createXoshiro128} from '../../../../src/core/random/xoshiro128.js'
import {readUqItems} from '../../../../src/families/uq/io/items-jsonl.js'
import {defaultBaselineOptions} from '../../../../src/families/uq/kernels/baselines.js'
import {
  createJointSimilarityScratch,
  jointEmbeddingSimilarities,
  embeddingRowBlock,
  type EmbeddedRun,
} from '../../../../src/families/uq/kernels/joint-similarity.js'
import {createRunScratch, scoreRun, type RunScoringOptions} from '../../../../src/families/uq/kernels/score-run.js'
import type {SimilarityKind} from '../../../../src/families/uq/kernels/similarity-matrix.js'
import {defaultSyntheticOptions, synthesizeItem} from '../../../../src/families/uq/kernels/synthetic-items.js'
import {tempDir} from '../../../helpers/cli.js'

const ULP8 = 8 * Number.EPSILON

interface ViewRun extends EmbeddedRun {
  readonly inputs: {embedding?: Float64Array; responses: {embedding?: Float64Array}[]}[]
}

/** A run of m inputs with r responses each, all rows views of one buffer in document order. */
function contiguousRun(m: number, r: number, dim: number, seed: number): ViewRun {
  const rng = createXoshiro128(seed, 1)
  const buffer = Float64Array.from({length: m * (r + 1) * dim}, () => rng.nextFloat() - 0.5)
  let row = 0
  const next = () => buffer.subarray(row * dim, ++row * dim)
  const inputs = Array.from({length: m}, () => ({
    embedding: next(),
    responses: Array.from({length: r}, () => ({embedding: next()})),
  }))
  return {inputs}
}

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let k = 0; k < a.length; k++) {
    ab += a[k] * b[k]
    aa += a[k] * a[k]
    bb += b[k] * b[k]
  }
  return aa === 0 || bb === 0 ? 0 : ab / (Math.sqrt(aa) * Math.sqrt(bb))
}

function assertSimilarity(s: Float64Array, rows: ArrayLike<number>[], kind: SimilarityKind, what: string): void {
  const n = rows.length
  assert.equal(s.length, n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const c = cosine(rows[i], rows[j])
      const expected = i === j ? 1 : kind === 'abs-cos' ? Math.abs(c) : (1 + c) / 2
      assert.ok(Math.abs(s[i * n + j] - expected) <= ULP8, `${what} [${i},${j}]: ${s[i * n + j]} vs ${expected}`)
      assert.equal(s[i * n + j], s[j * n + i], `${what} symmetric [${i},${j}]`)
    }
}

function joint(
  run: EmbeddedRun,
  kind: SimilarityKind,
): {inputSimilarity: Float64Array; responseSimilarity: Float64Array} | undefined {
  const m = run.inputs.length
  const total = run.inputs.reduce((t, x) => t + x.responses.length, 0)
  const out = {inputSimilarity: new Float64Array(m * m), responseSimilarity: new Float64Array(total * total)}
  return jointEmbeddingSimilarities(run, kind, out, createJointSimilarityScratch()) ? out : undefined
}

test('joint-Gram similarities equal plain cosines to 8 ulps, whether the rows lie in place, packed or as arrays', () => {
  for (const [m, r, dim] of [
    [10, 5, 128],
    [2, 25, 64],
    [3, 1, 8],
  ]) {
    const run = contiguousRun(m, r, dim, m * 100 + r)
    run.inputs[1].responses[0].embedding!.fill(0) // a zero vector: cosine 0 with everything
    const inputs = run.inputs.map((x) => x.embedding!)
    const responses = run.inputs.flatMap((x) => x.responses.map((y) => y.embedding!))
    const copied: EmbeddedRun = {
      inputs: run.inputs.map((x) => ({
        embedding: Float64Array.from(x.embedding!),
        responses: x.responses.map((y) => ({embedding: Float64Array.from(y.embedding!)})),
      })),
    }
    const plain: EmbeddedRun = {
      inputs: run.inputs.map((x) => ({
        embedding: Array.from(x.embedding!),
        responses: x.responses.map((y) => ({embedding: Array.from(y.embedding!)})),
      })),
    }
    for (const kind of ['abs-cos', 'shifted-cos'] as const) {
      const inPlace = joint(run, kind)
      assert.ok(inPlace, `${m}x${r}x${dim} takes the joint path`)
      assertSimilarity(inPlace.inputSimilarity, inputs, kind, `${m}x${r}x${dim} ${kind} inputs`)
      assertSimilarity(inPlace.responseSimilarity, responses, kind, `${m}x${r}x${dim} ${kind} responses`)
      assert.deepEqual(joint(copied, kind), inPlace)
      const pack = {rows: new Float64Array(0)}
      assert.equal(embeddingRowBlock(copied, pack)?.buffer, pack.rows.buffer, 'separate arrays are packed')
      assert.deepEqual(joint(plain, kind), inPlace)
    }
  }
})

test("the reader's rows are read in place: one view of the line's buffer, no copy", async () => {
  const o = {...defaultSyntheticOptions, items: 2, inputs: 4, responses: 3, dim: 16, temperatures: [0.7], seed: 3}
  const file = join(tempDir('infolens-joint-'), 'items.jsonl')
  writeFileSync(file, [0, 1].map((k) => JSON.stringify(synthesizeItem(k, o)) + '\n').join(''))
  for await (const {item} of readUqItems(file, {skipBad: false})) {
    const run = item.runs[0]
    const first = run.inputs[0].embedding as Float64Array
    const pack = {rows: new Float64Array(0)}
    const block = embeddingRowBlock(run, pack)
    assert.ok(block)
    assert.equal(block.buffer, first.buffer)
    assert.equal(block.byteOffset, first.byteOffset)
    assert.equal(pack.rows.length, 0, 'nothing packed')
    // the last response's row ends the block
    assert.deepEqual(Array.from(block.subarray(15 * 16)), Array.from(run.inputs[3].responses[2].embedding!))
  }
})

test('the joint path steps aside for a missing or shorter vector, m + M ≥ dim, and a norm out of the safe range', () => {
  const base = () => contiguousRun(3, 2, 16, 7)
  const missing = base()
  missing.inputs[2].responses[1].embedding = undefined
  assert.equal(joint(missing, 'abs-cos'), undefined)
  const shorter = base()
  shorter.inputs[1].embedding = new Float64Array(15)
  assert.equal(joint(shorter, 'abs-cos'), undefined)
  assert.equal(joint(contiguousRun(4, 3, 16, 8), 'abs-cos'), undefined) // 16 rows of 16
  const huge = base()
  huge.inputs[0].responses[0].embedding!.fill(1e130)
  assert.equal(joint(huge, 'abs-cos'), undefined)
  assert.ok(joint(base(), 'abs-cos'))
})

test('scoreRun with one scratch reused over runs of changing shapes equals scoreRun with a fresh one, bit for bit', () => {
  const o: RunScoringOptions = {
    similarity: 'abs-cos',
    embedder: 'input',
    symmetrize: false,
    draws: 20,
    uniqueDraws: true,
    seed: 5,
    baselines: true,
    baselineResponses: 'original',
    baselineOptions: defaultBaselineOptions,
  }
  const scratch = createRunScratch()
  const shapes = [
    [10, 5, 128],
    [2, 25, 64],
    [10, 5, 128],
    [3, 1, 8],
    [6, 4, 32],
  ]
  shapes.forEach(([m, r, dim], k) => {
    const run = contiguousRun(m, r, dim, 40 + k)
    const withText = {
      inputs: run.inputs.map((x, i) => ({
        text: `q${i}`,
        embedding: x.embedding,
        responses: x.responses.map((y, j) => ({text: `a${i}-${j}`, embedding: y.embedding})),
      })),
    }
    assert.deepEqual(scoreRun(withText, o, k, scratch), scoreRun(withText, o, k), `shape ${m}x${r}x${dim}`)
  })
})
