/**
 * A tabular input (CSV or Parquet, chosen by extension) streamed as batches of text
 * records, so every consumer sees the same cell semantics and bounded memory.
 */
import {InputError} from '../../../core/errors.js'
import {openCsv} from './csv-source.js'
import {openParquet} from './parquet-source.js'

export interface TableSource {
  readonly file: string
  readonly header: readonly string[]
  batches(): AsyncGenerator<string[][]>
}

export async function openTable(file: string): Promise<TableSource> {
  return /\.parquet$/i.test(file) ? openParquet(file) : openCsv(file)
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
