/**
 * Per-layer eigenvalues in one NetCDF-3 file (CF-1.8), for re-fitting later (`spectral refit`).
 * The ragged layout follows CF §9.3.3 "contiguous ragged array": all ESDs concatenated in `eigenvalue`
 * (dimension `eig`), and per layer `layer_offset` (0-based start), `layer_count` (the CF `sample_dimension`
 * count variable), `layer_name`, `layer_type`, `N`, `M`, `rf`.
 */
import {InputError} from '../../../core/errors.js'
import {cfGlobal, NetcdfWriter, openNetcdf} from '../../../core/netcdf/index.js'
import {charRows} from '../../../core/netcdf/dump-result.js'

export interface StoredLayer {
  readonly name: string
  readonly layer_type: string
  readonly N: number
  readonly M: number
  readonly rf: number
  /** Ascending eigenvalues λ = σ² (not divided by N). */
  readonly evals: Float64Array
}

const pad = (s: string, n: number) => s.padEnd(n, '\0')

/** Writes the layers atomically to `path`. */
export async function writeEigenvaluesNetcdf(
  path: string,
  layers: readonly StoredLayer[],
  source: string,
): Promise<void> {
  const total = layers.reduce((s, l) => s + l.evals.length, 0)
  const nameLen = Math.max(1, ...layers.map((l) => Buffer.byteLength(l.name)))
  const typeLen = 8
  const format = total * 8 > 2 ** 31 - 4096 ? '64bit-offset' : 'classic'
  const writer = NetcdfWriter.create(path, {
    format,
    dimensions: [
      {name: 'eig', size: Math.max(1, total)},
      {name: 'layer', size: Math.max(1, layers.length)},
      {name: 'name_strlen', size: nameLen},
      {name: 'type_strlen', size: typeLen},
    ],
    attributes: cfGlobal({
      title: 'Empirical spectral densities (eigenvalues of W^T W) per layer',
      source,
      comment:
        'infolens spectral analyze --netcdf; lambda = sigma^2 of W, not divided by N; contiguous ragged array (CF 9.3.3)',
    }),
    variables: [
      {
        name: 'eigenvalue',
        type: 'double',
        dimensions: ['eig'],
        attributes: {long_name: 'eigenvalue of W^T W (squared singular value), ascending per layer', units: '1'},
      },
      {
        name: 'layer_offset',
        type: 'int',
        dimensions: ['layer'],
        attributes: {long_name: "index of the layer's first eigenvalue in eigenvalue", units: '1'},
      },
      {
        name: 'layer_count',
        type: 'int',
        dimensions: ['layer'],
        attributes: {long_name: 'number of eigenvalues of the layer', sample_dimension: 'eig', units: '1'},
      },
      {
        name: 'layer_name',
        type: 'char',
        dimensions: ['layer', 'name_strlen'],
        attributes: {long_name: 'tensor name', cf_role: 'timeseries_id'},
      },
      {
        name: 'layer_type',
        type: 'char',
        dimensions: ['layer', 'type_strlen'],
        attributes: {long_name: 'dense or conv2d'},
      },
      {name: 'N', type: 'int', dimensions: ['layer'], attributes: {long_name: 'larger matrix dimension', units: '1'}},
      {name: 'M', type: 'int', dimensions: ['layer'], attributes: {long_name: 'smaller matrix dimension', units: '1'}},
      {
        name: 'rf',
        type: 'int',
        dimensions: ['layer'],
        attributes: {long_name: 'receptive field (conv2d kh*kw, dense 1)', units: '1'},
      },
    ],
  })
  try {
    const all = new Float64Array(Math.max(1, total))
    const offsets: number[] = []
    let off = 0
    for (const l of layers) {
      offsets.push(off)
      all.set(l.evals, off)
      off += l.evals.length
    }
    writer.writeVariable('eigenvalue', all)
    writer.writeVariable('layer_offset', offsets)
    writer.writeVariable(
      'layer_count',
      layers.map((l) => l.evals.length),
    )
    writer.writeVariable('layer_name', layers.map((l) => pad(l.name, nameLen)).join(''))
    writer.writeVariable('layer_type', layers.map((l) => pad(l.layer_type, typeLen)).join(''))
    writer.writeVariable(
      'N',
      layers.map((l) => l.N),
    )
    writer.writeVariable(
      'M',
      layers.map((l) => l.M),
    )
    writer.writeVariable(
      'rf',
      layers.map((l) => l.rf),
    )
    await writer.close()
  } catch (error) {
    writer.abort()
    throw error
  }
}

/**
 * Reads a file written by `writeEigenvaluesNetcdf`, through the checked reader of `netcdf dump` (header,
 * data placement, truncation), then checks the ragged layout itself: every layer's slice inside
 * `eigenvalue`, every eigenvalue finite.
 */
export function readEigenvaluesNetcdf(path: string): StoredLayer[] {
  const file = openNetcdf(path)
  const need = ['eigenvalue', 'layer_offset', 'layer_count', 'layer_name', 'layer_type', 'N', 'M', 'rf']
  for (const v of need)
    if (!file.header.variables.some((x) => x.name === v))
      throw new InputError('expected a variable written by spectral analyze --netcdf', {file: path, field: v})
  const num = (v: string) => Array.from(file.read(v) as ArrayLike<number>, Number)
  const strings = (v: string) => charRows(file.read(v) as Uint8Array, file.variable(v).shape)
  const evals = Float64Array.from(num('eigenvalue'))
  const bad = evals.findIndex((x) => !Number.isFinite(x))
  if (bad >= 0)
    throw new InputError(`expected finite values, found ${evals[bad]} at index ${bad}`, {
      file: path,
      field: 'eigenvalue',
    })
  const offsets = num('layer_offset')
  const counts = num('layer_count')
  checkRagged(offsets, counts, evals.length, path)
  const [names, types, N, M, rf] = [strings('layer_name'), strings('layer_type'), num('N'), num('M'), num('rf')]
  return counts
    .map((count, i) => ({
      name: names[i],
      layer_type: types[i],
      N: N[i],
      M: M[i],
      rf: rf[i],
      evals: evals.slice(offsets[i], offsets[i] + count),
    }))
    .filter((l) => l.evals.length > 0)
}

/** A slice outside `eigenvalue` would be silently cut short by `slice`: refuse it instead. */
function checkRagged(offsets: number[], counts: number[], total: number, path: string): void {
  if (offsets.length !== counts.length)
    throw new InputError(`expected ${counts.length} values like layer_count, got ${offsets.length}`, {
      file: path,
      field: 'layer_offset',
    })
  counts.forEach((count, i) => {
    const o = offsets[i]
    if (!(o >= 0 && count >= 0 && o + count <= total))
      throw new InputError(`layer ${i}: expected offset ${o} + count ${count} within the ${total} eigenvalues`, {
        file: path,
        field: 'layer_offset',
      })
  })
}
