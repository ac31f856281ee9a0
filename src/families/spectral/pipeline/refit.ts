/** `spectral refit FILE.nc`: the per-layer metrics again from eigenvalues saved by `analyze --netcdf`. */
import {InputError} from '../../../core/errors.js'
import {readEigenvaluesNetcdf} from '../io/eigenvalues-netcdf.js'
import {combineEsd, type MatrixGeometry} from '../kernels/esd.js'
import {layerMetrics, type LayerOptions} from '../kernels/layer-metrics.js'
import {summarize, type SpectralSummary} from '../kernels/summary.js'
import type {SpectralLayer} from './analyze-checkpoint.js'

export function refitNetcdf(
  path: string,
  options: LayerOptions,
): {layers: SpectralLayer[]; summary: SpectralSummary; eigenvalues: Map<string, Float64Array>} {
  const stored = readEigenvaluesNetcdf(path)
  if (stored.length === 0)
    throw new InputError('expected at least one layer with eigenvalues', {file: path, field: 'layer_count'})
  const layers = stored.map((s, id) => {
    const geometry: MatrixGeometry = {
      layer_type: s.layer_type === 'conv2d' ? 'conv2d' : 'dense',
      N: s.N,
      M: s.M,
      rf: s.rf,
      rows: s.N,
      cols: s.M,
    }
    // The stored ESD is final (conv2d already halved): combine it as one unscaled slice.
    const esd = combineEsd([s.evals], {...geometry, layer_type: 'dense'})
    const metrics = layerMetrics(esd, geometry, options)
    return {
      name: s.name,
      layer_id: id,
      dtype: 'F64',
      shape: geometry.rf > 1 ? [s.N, s.M, geometry.rf] : [s.N, s.M],
      ...metrics,
    }
  })
  return {layers, summary: summarize(layers, 0), eigenvalues: new Map(stored.map((s) => [s.name, s.evals]))}
}
