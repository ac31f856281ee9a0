/**
 * `kappa plan A --compare B`: κ of A and B per candidate and Δκ, against the NumPy reference of the damage
 * fixtures (test/fixtures/damage/make_damage.py: κ = s_max/s_min by full SVD), for a copy with the same names
 * and for a GGUF-named copy (paired through the name map; κ is blind to llama.cpp's q/k row permutation).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../../helpers/cli.js'
import {nonEmpty} from '../../../helpers/fixture.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const fixtures = new URL('../../../fixtures/damage/', import.meta.url).pathname
const A = join(fixtures, 'a.safetensors')
const reference = JSON.parse(readFileSync(join(fixtures, 'damage-reference.json'), 'utf8'))

/** float64 SVD on both sides: 1e-10 relative; Δκ relative to κ(A), the quantity it is a difference of. */
const REL_TOL = 1e-10

for (const [label, file] of [
  ['q8_0', 'b-q8_0.safetensors'],
  ['q4_0-gguf', 'b-q4_0-gguf.safetensors'],
] as const)
  test(`--compare ${label}: κ(A), κ(B) and Δκ of every dense candidate match the reference`, () => {
    const {json, result} = runCliJson(['kappa', 'plan', A, '--no-cache', '--compare', join(fixtures, file)])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'kappa.schema.json')
    const c = json.result.compare
    assert.deepEqual(c.unmatched, [])
    const dense = nonEmpty(
      (reference.cases[label].layers as any[]).filter((r) => r.kappa_peft_a !== null),
      'dense layers',
    )
    for (const r of dense) {
      const t = c.tensors.find((x: any) => x.name === r.name)
      if (!t) {
        // the embedding is no Linear candidate under PEFT semantics (kappa plan --scope linear)
        assert.equal(r.name, 'model.embed_tokens.weight')
        continue
      }
      for (const k of ['kappa_a', 'kappa_b', 'delta_kappa'] as const)
        assert.ok(Math.abs(t[k] - r[k]) <= REL_TOL * Math.abs(r.kappa_a), `${label} ${r.name} ${k}: ${t[k]} vs ${r[k]}`)
      if (label === 'q4_0-gguf' && reference.cases[label].gguf[r.name] !== r.name)
        assert.equal(t.b_name, reference.cases[label].gguf[r.name])
    }
  })

test('--compare bad inputs: nothing in common, a shape mismatch: exit 2, one line naming B', () => {
  const unrelated = new URL('../../../fixtures/spectral/small/model.safetensors', import.meta.url).pathname
  const tiny = new URL('../../../fixtures/kappa/tiny-model.safetensors', import.meta.url).pathname
  for (const [B, message] of [
    [unrelated, /small\/model\.safetensors: no candidate tensor of A matched/],
    [tiny, /tiny-model\.safetensors: tensor lm_head\.weight: shape \[64, 16\] differs from A's \[96, 64\]/],
  ] as const) {
    const r = runCli(['kappa', 'plan', A, '--no-cache', '--compare', B])
    assert.equal(r.status, 2, r.stderr)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.match(r.stderr, message)
  }
})
