/**
 * `report merge --netcdf FILE` for `spectral analyze --shard K/N --netcdf PART` runs: each shard wrote the
 * eigenvalues of its own layers; the merged file holds every layer in the checkpoint's natural order
 * (layer_id), exactly the variables one machine writes. Each part's file is checked against its report: the
 * same layers, and eigenvalues that pass the reader's validation.
 */
import {isAbsolute, resolve} from 'node:path'
import {InputError} from '../../../core/errors.js'
import type {MergePart, NetcdfMerger} from '../../../core/shard/result-merger.js'
import type {SpectralReportResult} from '../schema.js'
import {readEigenvaluesNetcdf, type StoredLayer, writeEigenvaluesNetcdf} from '../io/eigenvalues-netcdf.js'

export const spectralNetcdfMerger: NetcdfMerger = {
  flag: '--netcdf',
  fromParts: true,
  async write(parts, merged, _options, target) {
    const result = merged as SpectralReportResult
    const order = new Map(result.layers.map((l) => [l.name, l.layer_id]))
    const layers = parts.flatMap((part) => partLayers(part)).sort((a, b) => order.get(a.name)! - order.get(b.name)!)
    await writeEigenvaluesNetcdf(target, layers, result.source.path)
    return {...result, outputs: {...result.outputs, netcdf: target}}
  },
}

/** The part's NetCDF layers, which must be exactly the layers its report lists. */
function partLayers(part: MergePart): StoredLayer[] {
  const result = part.result as SpectralReportResult
  const file = result.outputs?.netcdf
  if (typeof file !== 'string')
    throw new InputError('expected the shard to have written --netcdf (run every shard with --netcdf PART.nc)', {
      file: part.path,
      field: 'result.outputs.netcdf',
    })
  // written relative to the shard's working directory, which `cluster emit` makes the merge's too
  const layers = readEigenvaluesNetcdf(isAbsolute(file) ? file : resolve(file))
  const expected = result.layers.map((l) => l.name)
  const found = layers.map((l) => l.name)
  if (found.join('\n') !== expected.join('\n'))
    throw new InputError(
      `expected the layers of its report (${expected.length}: ${expected.slice(0, 3).join(', ')}…), found ${found.length}`,
      {file, field: 'layer_name'},
    )
  return layers
}
