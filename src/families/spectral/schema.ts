/** The `result` of an `infolens.spectral/1` report (schemas/spectral.schema.json). */
import type {SkippedTensor} from './pipeline/layer-selection.js'
import type {SpectralLayer} from './pipeline/analyze-checkpoint.js'
import type {SpectralSummary} from './kernels/summary.js'

export interface SpectralReportResult {
  source: {kind: 'checkpoint' | 'netcdf'; path: string; files: string[]}
  conventions: {eigenvalues: string; fit: string}
  layers: SpectralLayer[]
  skipped: SkippedTensor[]
  summary: SpectralSummary
  gate?: {expression: string; failed: string[]}
  outputs: {netcdf?: string; plots?: string[]}
  /** analyze only: layers eigen-solved vs taken from the spectra cache (dir null: --no-cache or --gram float32). */
  cache?: {dir: string | null; solved: number; cached: number}
}
