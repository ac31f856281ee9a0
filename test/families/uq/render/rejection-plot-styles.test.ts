/**
 * The rejection-curve chart tells its series apart (issue 18: 17 series on a 10-colour palette): every
 * curve drawn in the SVG has a (colour, dash) pair no other curve has, and every measure is drawn.
 */
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {rejectionCurvesSvg} from '../../../../src/families/uq/render/rejection-plot.js'
import {seriesStyles, TABLEAU10} from '../../../../src/families/uq/render/series-styles.js'

/** The measures `uq evaluate` plots with the paper's set (15), besides oracle and random. */
const measures = [
  'inv_entropy',
  'ni_entropy',
  'wd_px_py',
  'max_py_given_x',
  'max_py',
  'nr_inv_entropy',
  'degmat',
  'eigv',
  'eccentricity',
  'kernel_entropy',
  'kle',
  'lexsim',
  'num_sets',
  'semantic_entropy_approx',
  'verbalized',
  'p_true',
  'self_certainty',
]

/** (measure, stroke, dasharray) of every line mark in the SVG. */
function curves(svg: string): {measure: string; stroke: string; dash: string}[] {
  const marks =
    svg.match(
      /<path aria-label="[^"]*measure: [^"]+" role="graphics-symbol" aria-roledescription="line mark"[^>]*>/g,
    ) ?? []
  return marks.map((m) => ({
    measure: /measure: ([^"]+)"/.exec(m)![1],
    stroke: /stroke="([^"]+)"/.exec(m)![1],
    dash: /stroke-dasharray="([^"]*)"/.exec(m)?.[1] ?? '',
  }))
}

describe('rejection curves', () => {
  it('every one of 17 measures and the 2 references has its own colour and dash', async () => {
    const n = 40
    const labels = Array.from({length: n}, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0))
    const columns = measures.map((measure, m) => ({measure, values: labels.map((_, i) => ((i * (m + 3)) % 11) / 11)}))
    const drawn = curves(await rejectionCurvesSvg(labels, columns))
    assert.deepEqual(drawn.map((c) => c.measure).sort(), ['oracle', 'random', ...measures].sort())
    const looks = new Set(drawn.map((c) => `${c.stroke} ${c.dash}`))
    assert.equal(looks.size, drawn.length, drawn.map((c) => `${c.measure}: ${c.stroke} [${c.dash}]`).join('\n'))
  })
  it('styles stay distinct up to 50 series', () => {
    const styles = seriesStyles(Array.from({length: 50}, (_, i) => `m${i}`))
    assert.equal(new Set(styles.map((s) => `${s.colour} ${s.dash.join(',')}`)).size, 50)
    assert.equal(styles[0].colour, TABLEAU10[0])
  })
})
