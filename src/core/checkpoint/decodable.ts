/**
 * What the analyses do with a tensor whose stored type the reader lists but cannot
 * decode (`TensorEntry.unsupported`, e.g. a GGUF IQ2_XS matrix): by default it is bad
 * input, one line naming the file, the tensor and the type, raised before any work
 * starts; with `--skip-unsupported` it is skipped, and the reason goes into the report.
 */
import {InputError} from '../errors.js'
import type {TensorEntry} from './checkpoint.js'

/** The skip reason when `skip` is set, undefined for a readable tensor; throws otherwise. */
export function checkDecodable(entry: TensorEntry, skip: boolean): string | undefined {
  if (entry.unsupported === undefined) return undefined
  if (skip) return `${entry.unsupported} (--skip-unsupported)`
  throw new InputError(`${entry.unsupported}; pass --skip-unsupported to skip such tensors`, {
    file: entry.file,
    field: `tensor ${entry.name}`,
  })
}
