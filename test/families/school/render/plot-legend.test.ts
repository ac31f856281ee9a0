/**
 * The school SVG's legends fit inside its viewBox (issue 18: the legend was cut off). Every legend
 * label's box is computed from the nested group translations and a generous text width for the
 * label (0.62 em per character, wider than the average sans-serif glyph, since the headless
 * renderer has no font metrics), and must lie within the viewBox; all ten metrics must appear.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {schoolPlotSvg} from '../../../../src/families/school/render/plot.js'
import {metricNames, type MetricName} from '../../../../src/families/school/kernels/school-metrics.js'

const EM_PER_CHAR = 0.62

interface LabelBox {
  text: string
  right: number
  top: number
  bottom: number
}

/** Legend labels with their absolute extents (translations summed down the group nesting). */
function legendLabels(svg: string): LabelBox[] {
  const boxes: LabelBox[] = []
  const stack: {x: number; y: number; legend: boolean}[] = [{x: 0, y: 0, legend: false}]
  const tag = /<(\/?)(g|text)\b([^>]*)>([^<]*)/g
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const [, close, name, attrs, body] = m
    const top = stack[stack.length - 1]
    if (name === 'g' && close) {
      stack.pop()
      continue
    }
    const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs)
    const x = top.x + (t ? Number(t[1]) : 0),
      y = top.y + (t ? Number(t[2]) : 0)
    if (name === 'g') {
      if (!attrs.trimEnd().endsWith('/')) stack.push({x, y, legend: top.legend || attrs.includes('role-legend')})
    } else if (!close && top.legend) {
      const size = Number(/font-size="([\d.]+)px"/.exec(attrs)?.[1] ?? 10)
      boxes.push({text: body, right: x + body.length * EM_PER_CHAR * size, top: y - size, bottom: y + 0.3 * size})
    }
  }
  return boxes
}

test('both legends lie inside the viewBox and name every plotted metric', async () => {
  const time = Array.from({length: 50}, (_, k) => k * 0.1)
  const series = Object.fromEntries(
    metricNames.map((m, i) => [m, time.map((t) => (Math.sin(t + i) + 1) / 2)]),
  ) as Record<MetricName, number[]>
  const svg = await schoolPlotSvg('Case 2 - Torus', time, series)
  const [, width, height] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number)
  const labels = legendLabels(svg)
  const expected = metricNames
    .filter((m) => m.endsWith('_entropy'))
    .concat('polarization', 'rotation', 'oceanic_schooling_index')
  assert.deepEqual(labels.map((l) => l.text).sort(), [...expected].sort())
  for (const l of labels) {
    assert.ok(l.right <= width, `${l.text} ends at x = ${l.right.toFixed(1)} > ${width}`)
    assert.ok(l.top >= 0 && l.bottom <= height, `${l.text} spans y ${l.top}…${l.bottom}, height ${height}`)
  }
})
