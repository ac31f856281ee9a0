/** The terminal table of `spectral analyze` (issue 15 order, issue 18 bounded output, --randomize traps). */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {badness, MAX_TERMINAL_ROWS, renderSpectral} from '../../../../src/families/spectral/render/table.js'

test('worst first means the distance of α to the nearest bound of [2, 6]', () => {
  const order = [3.87, 2.29, 4, 6.5, 1.2, 5.9].sort((a, b) => badness(b) - badness(a))
  assert.deepEqual(order, [1.2, 6.5, 5.9, 2.29, 3.87, 4])
  assert.equal(badness(null), Infinity)
})

/** A report with `n` layers, only the fields the table reads. */
function report(n: number, traps = false): Parameters<typeof renderSpectral>[0] {
  const layers = Array.from({length: n}, (_, i) => ({
    name: `model.layers.${i}.mlp.weight`,
    N: 64,
    M: 32,
    rf: 1,
    alpha: 2 + (i % 50) / 10,
    alpha_weighted: 1,
    D: 0.1,
    xmin: 0.2,
    num_pl_spikes: 5,
    setol_gap: 0.01,
    status: 'ok',
    warning: '',
    ...(traps ? {rand_num_spikes: i === 3 ? 7 : 0} : {}),
  }))
  const counts = {ok: n, under_trained: 0, over_trained: 0, failed: 0}
  const means = {alpha: 4, alpha_weighted: 1, log_norm: 0, log_spectral_norm: 0, stable_rank: 3}
  return {result: {layers, skipped: [], summary: {counts, means, medians: {alpha: 4}}}} as never
}

test('a large model prints at most MAX_TERMINAL_ROWS layer rows and counts the rest', () => {
  const text = renderSpectral(report(5000))
  const rows = text.split('\n').filter((l) => l.includes('.mlp '))
  assert.equal(rows.length, MAX_TERMINAL_ROWS)
  assert.match(text, new RegExp(`${5000 - MAX_TERMINAL_ROWS} more layer\\(s\\) not shown`))
  assert.doesNotMatch(renderSpectral(report(10)), /not shown/)
})

test('--randomize results reach the terminal: correlation traps by layer', () => {
  assert.match(
    renderSpectral(report(10, true)),
    /correlation traps \(--randomize\).*1 layer\(s\): model\.layers\.3\.mlp \(7\)/,
  )
  assert.doesNotMatch(renderSpectral(report(10)), /correlation traps/)
})
