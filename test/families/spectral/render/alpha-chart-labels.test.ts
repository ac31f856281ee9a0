/**
 * The α-by-layer chart labels every layer readably (issue 18: every x label read "model.layers.0.sel…"):
 * labels are the distinguishing tails of the names, distinct, and drawn whole (vega cuts a label past its
 * labelLimit with "…").
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {alphaChartSvg} from '../../../../src/families/spectral/render/esd-plots.js'
import {distinguishingLabels} from '../../../../src/core/report/render/distinguishing-labels.js'

/** The demo checkpoint's layer names: an embedding and 3 blocks of 6 projections. */
const names = [
  'model.embed_tokens.weight',
  ...[0, 1, 2].flatMap((b) =>
    [
      'self_attn.q_proj',
      'self_attn.k_proj',
      'self_attn.v_proj',
      'self_attn.o_proj',
      'mlp.up_proj',
      'mlp.down_proj',
    ].map((p) => `model.layers.${b}.${p}.weight`),
  ),
]

/** The text of the x-axis labels: the role="axis" group whose title is "layer". */
function xAxisLabels(svg: string): string[] {
  const axes = svg.split('aria-roledescription="axis"').slice(1)
  const x = axes.find((a) => a.includes('>layer</text>'))
  assert.ok(x, 'no x axis titled "layer"')
  const labels = [...x.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
  return labels.filter((l) => l !== 'layer')
}

describe('distinguishingLabels', () => {
  it('the shortest distinct tail, without the shared ".weight"', () => {
    const labels = distinguishingLabels(names)
    assert.equal(labels[0], 'embed_tokens')
    assert.equal(labels[1], '0.self_attn.q_proj')
    assert.equal(labels[18], '2.mlp.down_proj')
    assert.equal(new Set(labels).size, names.length)
    labels.forEach((l, i) => assert.ok(names[i].includes(l), `${l} is not part of ${names[i]}`))
  })
  it('a tail that is also a whole other name is not distinct', () =>
    assert.deepEqual(distinguishingLabels(['x.w', 'y.x.w']), ['x', 'y.x']))
  it('one layer keeps its whole name', () =>
    assert.deepEqual(distinguishingLabels(['lm_head.weight']), ['lm_head.weight']))
  it('names differing only in their last part keep it', () =>
    assert.deepEqual(distinguishingLabels(['fc.weight', 'fc.bias']), ['weight', 'bias']))
})

describe('alpha-by-layer.svg', () => {
  it('shows one whole, distinct label per layer', async () => {
    const svg = await alphaChartSvg(names.map((name, i) => ({name, alpha: 2 + i / 10})))
    const labels = xAxisLabels(svg)
    assert.equal(labels.length, names.length, labels.join(' | '))
    assert.equal(new Set(labels).size, names.length, labels.join(' | '))
    for (const l of labels) assert.ok(!l.includes('…'), `cut label ${l}`)
    assert.deepEqual(labels, distinguishingLabels(names))
  })
})
