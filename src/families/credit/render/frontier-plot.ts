/** SVG plot of the fairness Pareto frontier (ΣIV_target against ε, point and robust) with vega-lite. */
import * as vega from 'vega'
import * as vegaLite from 'vega-lite'
import type {FrontierPoint} from '../kernels/fairness-frontier.js'

export async function frontierSvg(points: readonly FrontierPoint[]): Promise<string> {
  const finite = points.filter((p) => p.epsilon !== null)
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Fairness frontier: max Σ IV(target) s.t. Σ (IV_A [+ z·SE_A]) ≤ ε',
    width: 480,
    height: 300,
    data: {values: finite.map((p) => ({epsilon: p.epsilon, iv: p.iv_total, kind: p.kind, n: p.features.length}))},
    mark: {type: 'line', point: true, interpolate: 'step-after'},
    encoding: {
      x: {field: 'epsilon', type: 'quantitative', scale: {type: 'log'}, title: 'ε (protected-attribute IV budget)'},
      y: {field: 'iv', type: 'quantitative', title: 'Σ IV with respect to the target'},
      color: {field: 'kind', type: 'nominal'},
    },
  }
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {renderer: 'none'})
  return view.toSVG()
}
