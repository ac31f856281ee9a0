/**
 * The truncated power-law fit where it meets powerlaw's bound α > 1 (issue 18, item 5: `spectral refit
 * --fit TPL` gave α = 1.000 on 12 of 19 demo layers), against an independent scipy fit of the same tails
 * (test/fixtures/spectral/tpl-bound/make-tpl-bound.py: L-BFGS-B from a grid of starts, exact mpmath normaliser).
 * Where scipy's free fit has α < 1, its fit bounded at α ≥ 1 sits on α = 1 and ours must too (and say so);
 * elsewhere ours must be scipy's maximum.
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, it} from 'node:test'
import {
  fitTplAt,
  fitTruncatedPowerLaw,
  isAlphaAtTplBound,
  TPL_BOUND_TOLERANCE,
} from '../../../../src/families/spectral/kernels/truncated-power-law-fit.js'
import {nonEmpty} from '../../../helpers/fixture.js'

interface Fit {
  alpha: number
  Lambda: number
  nll: number
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/spectral/tpl-bound/tpl-bound.json', import.meta.url), 'utf8'),
) as {layers: {name: string; evals: number[]; xmin_index: number; bounded: Fit; free: Fit}[]}

/** α from Nelder–Mead (xatol 1e-4) against L-BFGS-B: 1e-4 relative; Λ sits in a flat valley: 1e-2. */
const ALPHA_REL = 1e-4
const LAMBDA_REL = 1e-2
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('TPL fit against scipy on demo layers', () => {
  for (const layer of nonEmpty(fixture.layers, 'tpl-bound.layers')) {
    const x = Float64Array.from(layer.evals)
    const atBound = layer.free.alpha < 1
    it(`${layer.name}: ${atBound ? 'α < 1 when free, so α = 1 bounded' : 'an interior maximum'}`, () => {
      const ours = fitTplAt(x, layer.xmin_index)
      if (atBound) {
        assert.equal(layer.bounded.alpha, 1, 'the reference bounded fit is on the bound')
        assert.ok(ours.alpha > 1 && ours.alpha - 1 < TPL_BOUND_TOLERANCE, `α = ${ours.alpha}`)
      } else assert.ok(rel(ours.alpha, layer.bounded.alpha) < ALPHA_REL, `α ${ours.alpha} vs ${layer.bounded.alpha}`)
      assert.ok(rel(ours.Lambda, layer.bounded.Lambda) < LAMBDA_REL, `Λ ${ours.Lambda} vs ${layer.bounded.Lambda}`)
      assert.equal(isAlphaAtTplBound(ours.alpha), atBound)
    })
    it(`${layer.name}: the full fit picks this xmin and ${atBound ? 'says' : 'does not say'} atAlphaBound`, () => {
      const fit = fitTruncatedPowerLaw(x)!
      assert.equal(fit.xminIndex, layer.xmin_index)
      assert.equal(fit.atAlphaBound, atBound)
    })
  }
  it('the fixture holds both kinds', () => {
    assert.ok(fixture.layers.some((l) => l.free.alpha < 1))
    assert.ok(fixture.layers.some((l) => l.free.alpha > 1))
  })
})

describe('isAlphaAtTplBound', () => {
  it('null and values clear of the bound are not at it', () => {
    for (const a of [null, 1.002, 1.089, 2]) assert.equal(isAlphaAtTplBound(a), false, String(a))
  })
  it('values within the tolerance are', () => {
    for (const a of [1, 1.0000001, 1.0009]) assert.equal(isAlphaAtTplBound(a), true, String(a))
  })
})
