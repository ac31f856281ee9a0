/**
 * WoE chart axis labels: bounds rounded to the fewest digits (≥ 4) that keep a feature's labels apart, so the
 * chart never cuts a label (the #18 leftover: `(-inf, -1.34164562…`) and no two bins read the same.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {shortBinLabels} from '../../../../src/families/credit/render/short-bin-labels.js'
import {woeBarSvg} from '../../../../src/families/credit/render/woe-plot.js'

test('bounds are rounded to 4 significant digits, or more where that would merge two bins', () => {
  assert.deepEqual(shortBinLabels(['(-inf, -1.3416456234567891]', '(-1.3416456234567891, 0.25]', '(0.25, inf)']), [
    '(-inf, -1.342]',
    '(-1.342, 0.25]',
    '(0.25, inf)',
  ])
  assert.deepEqual(shortBinLabels(['(-inf, 1.00001]', '(1.00001, 1.00002]', '(1.00002, inf)']), [
    '(-inf, 1.00001]',
    '(1.00001, 1.00002]',
    '(1.00002, inf)',
  ])
  assert.deepEqual(shortBinLabels(['a | b', 'Missing', 'Special 99999999']), ['a | b', 'Missing', 'Special 99999999'])
})

test('the WoE chart shows every label whole (no ellipsis) and distinct', async () => {
  const bins = ['(-inf, -1.3416456234567891]', '(-1.3416456234567891, 0.2500000000000001]', '(0.2500000000000001, inf)']
  const f = {feature: 'x', iv: 0.1, iv_se_delta: 0.01, bins: 3, table: bins.map((bin, i) => ({bin, woe: i - 1}))}
  const svg = await woeBarSvg(f as never, 'ln(good/bad)')
  assert.ok(!svg.includes('…'), 'a label was cut')
  for (const label of ['(-inf, -1.342]', '(-1.342, 0.25]', '(0.25, inf)']) assert.ok(svg.includes(label), label)
})
