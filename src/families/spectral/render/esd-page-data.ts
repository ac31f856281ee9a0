/**
 * The per-layer ESD data the HTML page draws on a click (esd-click-script.ts): a log-spaced
 * density histogram of the eigenvalues above 1e-5 (ESD_BINS bins, 4 significant digits) and the
 * power-law fit (α, xmin, λ_max and the tail fraction). Eigenvalues are not in the JSON report;
 * they are read from the NetCDF file of `spectral analyze --netcdf` when the report names one and
 * it can be read. Without it a layer shows its fit only.
 */
import {readEigenvaluesNetcdf} from '../io/eigenvalues-netcdf.js'
import {valuesAboveThreshold} from '../kernels/power-law-fit.js'
import {asRecord, numberOf, textOf, type Fields} from '../../../core/report/render/result-fields.js'
import {logHistogram} from './esd-plots.js'

export const ESD_BINS = 40

export interface EsdPageLayer {
  readonly name: string
  readonly alpha: number | null
  readonly xmin: number | null
  readonly lambdaMax: number | null
  /** Fraction of the above-threshold eigenvalues at or above xmin (scales the fitted density). */
  readonly tail: number | null
  /** [lo, hi, density] per non-empty bin, or null without eigenvalues. */
  readonly bins: readonly (readonly [number, number, number])[] | null
}

const round = (x: number) => Number(x.toPrecision(4))

/** Eigenvalues by layer name from the report's NetCDF file, or a note why there are none. */
export function loadReportEigenvalues(result: Fields): {byName: Map<string, Float64Array>; note: string | null} {
  const path = textOf(asRecord(result.outputs).netcdf)
  if (!path)
    return {
      byName: new Map(),
      note: 'The report has no eigenvalue file (spectral analyze --netcdf FILE): each layer shows its fit only.',
    }
  try {
    const layers = readEigenvaluesNetcdf(path)
    return {byName: new Map(layers.map((l) => [l.name, l.evals])), note: null}
  } catch (error) {
    return {
      byName: new Map(),
      note: `The eigenvalue file ${path} could not be read (${(error as Error).message}): each layer shows its fit only.`,
    }
  }
}

export function esdPageLayer(layer: Fields, evals: Float64Array | undefined): EsdPageLayer {
  const alpha = numberOf(layer.alpha)
  const xmin = numberOf(layer.xmin)
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null)
  const x = evals ? valuesAboveThreshold(evals) : new Float64Array()
  const bins =
    x.length >= 2 ? logHistogram(x, ESD_BINS).map((b) => [round(b.lo), round(b.hi), round(b.density)] as const) : null
  const tail = xmin !== null && x.length > 0 ? round(x.filter((v) => v >= xmin).length / x.length) : null
  return {
    name: textOf(layer.name) ?? '?',
    alpha: finite(alpha),
    xmin: finite(xmin),
    lambdaMax: finite(numberOf(layer.lambda_max)),
    tail,
    bins,
  }
}
