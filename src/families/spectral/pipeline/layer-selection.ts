/**
 * Which tensors `spectral analyze` treats as layers (WeightWatcher 0.7.5.5 `PyStateDictLayer`,
 * `WWLayerIterator.layer_supported`): float tensors whose name ends in `weight`, 2-D (dense) or 4-D (conv2d),
 * kept iff min_evals ≤ M·rf ≤ max_evals and N ≤ max_N. Unlike WeightWatcher, every other tensor is listed
 * with the reason it was skipped.
 */
import {checkDecodable, isFloatDtype, type TensorEntry} from '../../../core/checkpoint/index.js'
import {matrixGeometry, type MatrixGeometry} from '../kernels/esd.js'

export interface SelectionOptions {
  readonly layers?: RegExp
  readonly exclude?: RegExp
  readonly minEvals: number
  readonly maxEvals: number
  readonly maxN: number
  /** Skip (instead of failing on) layers stored in a type the reader cannot decode (--skip-unsupported). */
  readonly skipUnsupported?: boolean
}

export interface SkippedTensor {
  readonly name: string
  readonly dtype: string
  readonly shape: readonly number[]
  readonly reason: string
}

export type Selection = {entry: TensorEntry; geometry: MatrixGeometry} | {skipped: SkippedTensor}

/** Decides for one tensor: a layer to analyse, or a skip with its reason. */
export function selectTensor(entry: TensorEntry, o: SelectionOptions): Selection {
  const skip = (reason: string): Selection => ({
    skipped: {name: entry.name, dtype: entry.dtype, shape: [...entry.shape], reason},
  })
  if (!entry.name.endsWith('weight')) return skip('name does not end in "weight"')
  if (o.layers && !o.layers.test(entry.name)) return skip('not matched by --layers')
  if (o.exclude?.test(entry.name)) return skip('matched by --exclude')
  if (!isFloatDtype(entry.dtype)) return skip(`dtype ${entry.dtype} is not a float type`)
  const geometry = matrixGeometry(entry.shape)
  if (!geometry) return skip(`${entry.shape.length}-D tensor (only 2-D dense and 4-D conv2d weights are analysed)`)
  const evals = geometry.M * geometry.rf
  if (evals < o.minEvals) return skip(`M·rf = ${evals} < --min-evals ${o.minEvals}`)
  if (evals > o.maxEvals) return skip(`M·rf = ${evals} > --max-evals ${o.maxEvals}`)
  if (geometry.N > o.maxN) return skip(`N = ${geometry.N} > --max-n ${o.maxN}`)
  // last: only a tensor that would be analysed fails for an undecodable type
  const undecodable = checkDecodable(entry, o.skipUnsupported === true)
  if (undecodable !== undefined) return skip(undecodable)
  return {entry, geometry}
}
