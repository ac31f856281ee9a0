/**
 * `spectral diff A B` on two checkpoints (quantization damage) against the NumPy/SciPy reference
 * (test/fixtures/damage/make_damage.py): every metric of every layer, the ranking, the GGUF-named copy
 * (names mapped, llama q/k rows un-permuted), the gate, the keep plan and the bad inputs.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {writeSafetensors} from '../../../../src/core/safetensors/index.js'
import {openCheckpoint} from '../../../../src/core/checkpoint/index.js'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {nonEmpty, nonEmptyEntries} from '../../../helpers/fixture.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const fixtures = new URL('../../../fixtures/damage/', import.meta.url).pathname
const A = join(fixtures, 'a.safetensors')
const reference = JSON.parse(readFileSync(join(fixtures, 'damage-reference.json'), 'utf8'))
const cases = nonEmptyEntries(reference.cases as Record<string, {layers: any[]; gguf: Record<string, string>}>, 'cases')
const FILES: Record<string, string> = {
  q8_0: 'b-q8_0.safetensors',
  'q4_0-gguf': 'b-q4_0-gguf.safetensors',
  bf16: 'b-bf16.safetensors',
}

/**
 * float64 paths (both sides decoded exactly, SVD in float64): 1e-10 relative. Δα, Δκ and ΔD, and the
 * dimensionless changes σ₁-change and top shift, are compared relative to the larger of themselves and the
 * quantity they are a difference of (α(A), κ(A), 1), since a small difference of two close values carries
 * their absolute error (as stdlib compares within c·max(1, |v|, |e|)). Measured worst on these fixtures:
 * 2e-16 (rel_frobenius) to 1.8e-10 (ΔD, σ₁-change, relative to themselves).
 */
const REL_TOL = 1e-10
const close = (actual: number | null, expected: number, scale: number, what: string) => {
  assert.ok(typeof actual === 'number', `${what}: got ${actual}`)
  const tol = REL_TOL * Math.max(Math.abs(expected), Math.abs(scale))
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: ${actual} vs ${expected} (|Δ| ${Math.abs(actual - expected)} > ${tol})`,
  )
}

const METRICS: [string, (r: any) => number][] = [
  ['rel_frobenius', (r) => r.rel_frobenius],
  ['sigma1_rel_change', () => 1], // relative to σ₁(A)'s scale: |σ₁(B) − σ₁(A)|/σ₁(A) is a small difference
  ['rel_spectral_error', (r) => r.rel_spectral_error],
  ['top_shift_max', () => 1],
  ['kappa_a', (r) => r.kappa_a],
  ['kappa_b', (r) => r.kappa_b],
  ['delta_kappa', (r) => r.kappa_a],
  ['alpha_a', (r) => r.alpha_a],
  ['delta_alpha', (r) => r.alpha_a],
  ['delta_D', () => 1],
  ['delta_xmin', (r) => r.delta_xmin],
  ['delta_stable_rank', (r) => r.delta_stable_rank],
]

for (const [label, ref] of cases)
  test(`damage of ${label} matches the numpy reference (every metric, ranking by rel_frobenius)`, () => {
    const {json, result} = runCliJson(['spectral', 'diff', A, join(fixtures, FILES[label])])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'spectral.schema.json')
    const d = json.result.damage
    assert.equal(d.ranking, 'rel_frobenius (descending)')
    assert.deepEqual(d.unmatched, [])
    const layers = nonEmpty(ref.layers, `${label} layers`)
    assert.deepEqual(
      d.layers.map((l: any) => l.name),
      layers.map((l) => l.name),
      'same layers, same ranking',
    )
    for (const [i, r] of layers.entries()) {
      const l = d.layers[i]
      assert.equal(l.rank, i + 1)
      for (const [m, scale] of METRICS) close(l[m], r[m], scale(r), `${label} ${r.name} ${m}`)
      assert.equal(l.top_eigen_shift.length, r.top_eigen_shift.length)
      l.top_eigen_shift.forEach((v: number, k: number) => close(v, r.top_eigen_shift[k], 1, `${r.name} shift ${k}`))
      assert.equal(l.gguf, ref.gguf[r.name] === r.name ? null : ref.gguf[r.name], `${r.name} GGUF name`)
    }
    // the ordinary per-layer diff is filled from the same spectra
    assert.equal(json.result.diff.matched, layers.length)
  })

test('a GGUF-named copy (names mapped, q/k rows permuted) is paired and un-permuted: small errors on q/k', () => {
  const {json} = runCliJson(['spectral', 'diff', A, join(fixtures, FILES['q4_0-gguf'])])
  const q = json.result.damage.layers.find((l: any) => l.name === 'model.layers.0.self_attn.q_proj.weight')
  assert.equal(q.b_name, 'blk.0.attn_q.weight')
  assert.ok(
    q.rel_frobenius < 0.1,
    `q_proj compared in the same row order (a wrong order gives ~1.4): ${q.rel_frobenius}`,
  )
})

test('--keep and --plan-out: llama-quantize lines by default, JSON for .json; the gate exits 3 after writing', () => {
  const dir = tempDir()
  const txt = join(dir, 'keep.txt')
  const out = join(dir, 'report.json')
  const B = join(fixtures, FILES['q4_0-gguf'])
  const ranked = reference.cases['q4_0-gguf'].layers
  const r = runCli([
    'spectral',
    'diff',
    A,
    B,
    '--keep',
    '2',
    '--plan-out',
    txt,
    '--out',
    out,
    '--fail-on',
    `rel_frobenius>=${ranked[1].rel_frobenius * 0.999999}`,
  ])
  assert.equal(r.status, 3, r.stderr)
  assert.match(r.stderr, /--fail-on .* matched 2 layer\(s\)/)
  assert.ok(existsSync(out))
  const gguf = reference.cases['q4_0-gguf'].gguf
  assert.equal(
    readFileSync(txt, 'utf8'),
    ranked
      .slice(0, 2)
      .map((l: any) => `--tensor-type ${gguf[l.name]}=q8_0\n`)
      .join(''),
  )
  const json = join(dir, 'keep.json')
  const t = ranked[3].rel_frobenius
  const ok = runCli([
    'spectral',
    'diff',
    A,
    B,
    '--keep-above',
    String(t),
    '--keep-type',
    'F16',
    '--plan-out',
    json,
    '--fail-on',
    'rel_frobenius>1',
  ])
  assert.equal(ok.status, 0, ok.stderr)
  const plan = JSON.parse(readFileSync(json, 'utf8'))
  assert.deepEqual(
    plan.map((p: any) => [p.name, p.type]),
    ranked.slice(0, 4).map((l: any) => [l.name, 'f16']),
  )
})

/** A copy of A with some tensors changed, dropped or renamed. */
async function variant(
  change: (
    name: string,
    data: Float32Array,
    shape: number[],
  ) => {name: string; shape: number[]; data: Float32Array} | null,
): Promise<string> {
  const ck = await openCheckpoint(A)
  const tensors = []
  for (const e of ck.tensors) {
    const t = change(e.name, await ck.readFloat32(e), [...e.shape])
    if (t) tensors.push({...t, dtype: 'F32' as const})
  }
  await ck.close()
  const path = join(tempDir(), 'b.safetensors')
  writeSafetensors(path, tensors)
  return path
}

const V = 'model.layers.1.self_attn.v_proj.weight'

test('bad inputs: one line naming B and the tensor, exit 2, no report and no plan written', async () => {
  const missing = await variant((name, data, shape) => (name === V ? null : {name, data, shape}))
  const reshaped = await variant((name, data, shape) => ({
    name,
    data,
    shape: name === V ? [shape[1], shape[0]] : shape,
  }))
  const renamed = await variant((name, data, shape) => ({name: `x.${name}`, data, shape}))
  const truncated = join(tempDir(), 'b.safetensors')
  copyFileSync(join(fixtures, FILES.q8_0), truncated)
  writeFileSync(truncated, readFileSync(truncated).subarray(0, 200_000))
  const cases: [string, string, RegExp][] = [
    ['B lacks a tensor', missing, new RegExp(`${missing}: tensor ${V.replace(/\./g, '\\.')}: B has no tensor`)],
    [
      'shape mismatch',
      reshaped,
      new RegExp(`${reshaped}: tensor ${V.replace(/\./g, '\\.')}: shape \\[64, 32\\] differs from A's \\[32, 64\\]`),
    ],
    ['nothing matched', renamed, /no weight layer of A matched/],
    ['unreadable B', truncated, new RegExp(truncated)],
    ['bad gate field', join(fixtures, FILES.q8_0), /--fail-on: .*unknown field 'alpha'/],
  ]
  for (const [what, B, message] of cases) {
    const dir = tempDir()
    const gate = what === 'bad gate field' ? 'alpha>1' : 'rel_frobenius>1'
    const r = runCli([
      'spectral',
      'diff',
      A,
      B,
      '--out',
      join(dir, 'r.json'),
      '--keep',
      '1',
      '--plan-out',
      join(dir, 'p.txt'),
      '--fail-on',
      gate,
    ])
    assert.equal(r.status, 2, `${what}: ${r.stderr}`)
    assert.equal(r.stderr.trim().split('\n').length, 1, what)
    assert.match(r.stderr, message, what)
    assert.deepEqual(readdirSync(dir), [], `${what}: nothing written`)
  }
  const allowed = runCliJson(['spectral', 'diff', A, missing, '--allow-missing'])
  assert.equal(allowed.result.status, 0, allowed.result.stderr)
  assert.deepEqual(allowed.json.result.damage.unmatched, [
    {name: V, side: 'A', reason: `not in B (nor as blk.1.attn_v.weight)`},
  ])
})

test('damage flags with a report are refused; report-vs-report diff still works', () => {
  const dir = tempDir()
  const a = join(dir, 'a.json')
  assert.equal(runCli(['spectral', 'analyze', A, '--out', a, '--quiet', '--no-cache']).status, 0)
  const r = runCli(['spectral', 'diff', a, a, '--keep', '2'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /--keep: expected two checkpoints/)
  const {json, result} = runCliJson(['spectral', 'diff', a, a])
  assert.equal(result.status, 0, result.stderr)
  assert.equal(json.result.diff.matched, 17)
})
