/**
 * `--plots DIR` pictures, drawn with vega-lite → vega → SVG (no browser): per layer a log-log ESD histogram
 * with the fitted power law and xmin (WW's `esd` plot) next to D against the xmin candidate (WW's `esd4`),
 * and one model-level chart of α by layer. Files are written atomically.
 */
import {join} from 'node:path'
import * as vega from 'vega'
import * as vegaLite from 'vega-lite'
import {candidateAlphas, candidateDistance, valuesAboveThreshold} from '../kernels/power-law-fit.js'
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {makeOutputDir} from '../../../core/io/output-paths.js'
import {distinguishingLabels, LABEL_PX_PER_CHAR} from '../../../core/report/render/distinguishing-labels.js'

export interface PlotLayer {
  readonly name: string
  readonly alpha: number | null
  readonly D: number | null
  readonly xmin: number | null
  readonly evals: Float64Array
}

const BINS = 60
/** D is plotted for at most this many candidates (evenly spaced) to keep plots fast on large layers. */
const MAX_D_POINTS = 400

async function toSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {renderer: 'none'})
  return view.toSVG()
}

/** Log-spaced density histogram of the above-threshold eigenvalues (sorted ascending). */
export function logHistogram(x: Float64Array, bins = BINS): {lo: number; hi: number; density: number}[] {
  const l0 = Math.log10(x[0])
  const l1 = Math.log10(x[x.length - 1])
  const w = (l1 - l0) / bins || 1
  const counts = new Array<number>(bins).fill(0)
  for (const v of x) counts[Math.min(bins - 1, Math.floor((Math.log10(v) - l0) / w))]++
  return counts
    .map((c, b) => {
      const lo = 10 ** (l0 + b * w)
      const hi = 10 ** (l0 + (b + 1) * w)
      return {lo, hi, density: c / (x.length * (hi - lo))}
    })
    .filter((b) => b.density > 0)
}

/** The per-layer SVG. */
export async function layerPlotSvg(layer: PlotLayer): Promise<string> {
  const x = valuesAboveThreshold(layer.evals)
  if (x.length < 2)
    return toSvg({data: {values: []}, mark: 'point', title: `${layer.name}: fewer than 2 eigenvalues above 1e-5`})
  const hist = logHistogram(x)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vega-lite layer specs of several shapes
  const layers: any[] = [
    {
      data: {values: hist},
      mark: {type: 'rect', opacity: 0.6, color: '#4c78a8'},
      encoding: {
        x: {field: 'lo', type: 'quantitative', scale: {type: 'log'}, title: 'eigenvalue λ'},
        x2: {field: 'hi'},
        y: {field: 'density', type: 'quantitative', scale: {type: 'log'}, title: 'density'},
      },
    },
  ]
  if (layer.alpha !== null && layer.xmin !== null) {
    const a = layer.alpha
    const xmin = layer.xmin
    const frac = x.filter((v) => v >= xmin).length / x.length
    const pts = Array.from({length: 40}, (_, i) => xmin * (x[x.length - 1] / xmin) ** (i / 39)).map((v) => ({
      x: v,
      pdf: frac * ((a - 1) / xmin) * (v / xmin) ** -a,
    }))
    layers.push({
      data: {values: pts},
      mark: {type: 'line', color: '#e45756', strokeWidth: 2},
      encoding: {x: {field: 'x', type: 'quantitative'}, y: {field: 'pdf', type: 'quantitative'}},
    })
    layers.push({
      data: {values: [{xmin}]},
      mark: {type: 'rule', color: '#e45756', strokeDash: [4, 3]},
      encoding: {x: {field: 'xmin', type: 'quantitative'}},
    })
  }
  const alphas = candidateAlphas(x)
  const step = Math.max(1, Math.ceil(alphas.length / MAX_D_POINTS))
  const sub = Float64Array.from({length: Math.ceil(alphas.length / step)}, (_, k) => x[k * step])
  const dPoints = Array.from(sub, (v, k) => ({xmin: v, D: candidateDistance(x, k * step, alphas[k * step])}))
  const title =
    layer.alpha === null
      ? `${layer.name}: fit failed`
      : `${layer.name}: α=${layer.alpha.toFixed(3)} D=${layer.D!.toFixed(4)} xmin=${layer.xmin!.toPrecision(4)}`
  return toSvg({
    title,
    hconcat: [
      {width: 360, height: 260, layer: layers},
      {
        width: 300,
        height: 260,
        data: {values: dPoints},
        mark: {type: 'line', point: false},
        encoding: {
          x: {field: 'xmin', type: 'quantitative', scale: {type: 'log'}, title: 'xmin candidate'},
          y: {field: 'D', type: 'quantitative', title: 'KS distance D'},
        },
      },
    ],
  } as vegaLite.TopLevelSpec)
}

/** The model-level chart: α by layer with the 2 and 6 warning lines, each layer by its distinguishing label. */
export async function alphaChartSvg(layers: readonly {name: string; alpha: number | null}[]): Promise<string> {
  const fitted = layers.filter((l) => l.alpha !== null)
  const labels = distinguishingLabels(fitted.map((l) => l.name))
  const values = fitted.map((l, i) => ({i, name: l.name, label: labels[i], alpha: l.alpha}))
  const labelLimit = LABEL_PX_PER_CHAR * Math.max(1, ...labels.map((l) => l.length))
  return toSvg({
    title: 'power-law α by layer',
    width: Math.max(300, 14 * values.length),
    height: 260,
    layer: [
      {
        data: {values},
        mark: {type: 'point', filled: true},
        encoding: {
          x: {field: 'label', type: 'nominal', sort: null, title: 'layer', axis: {labelAngle: -60, labelLimit}},
          y: {field: 'alpha', type: 'quantitative', title: 'α'},
          tooltip: [{field: 'name'}, {field: 'alpha'}],
        },
      },
      {
        data: {values: [{y: 2}, {y: 6}]},
        mark: {type: 'rule', color: '#e45756', strokeDash: [4, 3]},
        encoding: {y: {field: 'y', type: 'quantitative'}},
      },
    ],
  } as vegaLite.TopLevelSpec)
}

/** A file-system-safe file stem for a tensor name. */
export function plotFileStem(index: number, name: string): string {
  return `${String(index).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}`
}

/** Writes every plot into `dir`; returns the written paths. */
export async function writeSpectralPlots(dir: string, layers: readonly PlotLayer[]): Promise<string[]> {
  makeOutputDir(dir, '--plots')
  const written: string[] = []
  for (const [i, layer] of layers.entries()) {
    const path = join(dir, `${plotFileStem(i, layer.name)}.esd.svg`)
    writeFileAtomic(path, await layerPlotSvg(layer))
    written.push(path)
  }
  const model = join(dir, 'alpha-by-layer.svg')
  writeFileAtomic(model, await alphaChartSvg(layers))
  written.push(model)
  return written
}
