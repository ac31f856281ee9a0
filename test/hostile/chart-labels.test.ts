/**
 * Charts with one mark per tensor label every tensor readably (issue 18, item 7: the class of the cut
 * "model.layers.0.sel…" labels): the κ ranking chart of `kappa plan` in the HTML report shows whole,
 * distinct labels, as the α-by-layer chart does (test/families/spectral/render/alpha-chart-labels.test.ts).
 */
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir()

/** The texts of the x-axis labels of the chart whose x axis has `title`. */
function axisLabels(html: string, title: string): string[] {
  const axes = html.split('aria-roledescription="axis"').slice(1)
  const axis = axes.find((a) => a.split('aria-roledescription')[0].includes(`>${title}</text>`))
  assert.ok(axis, `no axis titled ${title}`)
  const part = axis.split('aria-roledescription')[0]
  return [...part.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((t) => t !== title)
}

describe('kappa plan: the κ chart in the HTML report', () => {
  it('one whole, distinct label per tensor', () => {
    assert.equal(runCli(['demo', 'checkpoint', join(dir, 'ck'), '--quiet']).status, 0)
    const plan = runCli([
      'kappa',
      'plan',
      join(dir, 'ck/model.safetensors'),
      '--no-cache',
      '--out',
      join(dir, 'k.json'),
    ])
    assert.equal(plan.status, 0, plan.stderr)
    const page = runCli(['report', 'render', join(dir, 'k.json'), '--format', 'html', '--out', '-'])
    assert.equal(page.status, 0, page.stderr)
    const labels = axisLabels(page.stdout, 'tensor (lowest κ first)')
    assert.ok(labels.length >= 18, labels.join(' | '))
    assert.equal(new Set(labels).size, labels.length, labels.join(' | '))
    for (const l of labels) assert.ok(!l.includes('…'), `cut label ${l}`)
  })
})
