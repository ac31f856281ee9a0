/**
 * A tabular input (CSV or Parquet, chosen by extension in open-table.ts) streamed as batches
 * of text records, so every consumer sees the same cell semantics and bounded memory.
 */
import {InputError} from '../../../core/errors.js'

export interface TableSource {
  readonly file: string
  readonly header: readonly string[]
  batches(): AsyncGenerator<string[][]>
}

/** The index of column `name`, or an InputError naming the file and the column. */
export function columnIndex(source: TableSource, name: string, role: string): number {
  const i = source.header.indexOf(name)
  if (i < 0)
    throw new InputError(
      `${role} column not found (columns: ${source.header.slice(0, 8).join(', ')}${source.header.length > 8 ? ', …' : ''})`,
      {file: source.file, field: name},
    )
  return i
}
