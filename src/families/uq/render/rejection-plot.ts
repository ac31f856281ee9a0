/**
 * Prediction-rejection curves as an SVG (vega-lite, rendered headless): for every measure, the
 * accuracy of the retained items as the most uncertain are rejected, with the oracle and random
 * references. Curves come from the kernel's tie-averaged rejection curve; each has its own colour and dash
 * (series-styles.ts), named in one legend.
 */
import * as vega from 'vega'
import {compile} from 'vega-lite'
import {rejectionCurve} from '../kernels/prediction-rejection.js'
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {seriesStyles} from './series-styles.js'

export async function rejectionCurvesSvg(
  labels: ArrayLike<number>,
  columns: readonly {measure: string; values: readonly (number | null)[]}[],
): Promise<string> {
  const points: {measure: string; rejected: number; accuracy: number}[] = []
  const add = (measure: string, quality: number[], uncertainty: number[]) => {
    const curve = rejectionCurve(quality, uncertainty)
    const n = curve.length
    for (let k = n; k >= 1; k--) points.push({measure, rejected: 1 - k / n, accuracy: curve[k - 1]})
  }
  const all = Array.from(labels)
  add(
    'oracle',
    all,
    all.map((q) => -q),
  )
  const mean = all.reduce((a, b) => a + b, 0) / Math.max(1, all.length)
  points.push(
    {measure: 'random', rejected: 0, accuracy: mean},
    {measure: 'random', rejected: 1 - 1 / Math.max(1, all.length), accuracy: mean},
  )
  for (const c of columns) {
    const q: number[] = []
    const u: number[] = []
    c.values.forEach((v, i) => {
      if (v !== null) {
        q.push(labels[i])
        u.push(v)
      }
    })
    if (q.length > 0) add(c.measure, q, u)
  }
  const styles = seriesStyles([...new Set(points.map((p) => p.measure))])
  const domain = styles.map((st) => st.series)
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Prediction-rejection curves (most uncertain rejected first)',
    width: 520,
    height: 340,
    data: {values: points},
    mark: {type: 'line', interpolate: 'step-after'},
    encoding: {
      x: {field: 'rejected', type: 'quantitative', title: 'fraction rejected'},
      y: {field: 'accuracy', type: 'quantitative', title: 'accuracy of retained items', scale: {zero: false}},
      color: {
        field: 'measure',
        type: 'nominal',
        sort: null,
        scale: {domain, range: styles.map((st) => st.colour)},
        legend: {symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300},
      },
      strokeDash: {field: 'measure', type: 'nominal', sort: null, scale: {domain, range: styles.map((st) => st.dash)}},
    },
  }
  const view = new vega.View(vega.parse(compile(spec as never).spec), {renderer: 'none'})
  const svg = await view.toSVG()
  view.finalize()
  return svg
}

export async function writeRejectionCurvesSvg(
  path: string,
  labels: ArrayLike<number>,
  columns: readonly {measure: string; values: readonly (number | null)[]}[],
): Promise<void> {
  writeFileAtomic(path, await rejectionCurvesSvg(labels, columns))
}
