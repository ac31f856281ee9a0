/**
 * A tabular input (CSV or Parquet, chosen by extension in open-table.ts) streamed in batches, so every consumer
 * sees the same cell semantics and bounded memory. Two views of the same rows: text records (simple consumers)
 * and byte batches, where a cell is a byte range of a UTF-8 buffer (the hot loops of profiling and counting,
 * which then make no string per numeric cell; ../kernels/cell-bytes.ts reads them). A cell's bytes always
 * decode to the text record's cell.
 */
import {InputError} from '../../../core/errors.js'

/**
 * Rows as byte ranges: cell (r, j) is bytes[starts[r·width + j], ends[r·width + j]). The arrays may be longer
 * than rows·width, and the batch is valid only until the next one is asked for (the reader reuses its buffers).
 */
export interface ByteBatch {
  readonly bytes: Uint8Array
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly rows: number
  readonly width: number
}

export interface TableSource {
  readonly file: string
  readonly header: readonly string[]
  batches(): AsyncGenerator<string[][]>
  byteBatches(): AsyncGenerator<ByteBatch>
  /** Problems the reader worked around (e.g. bytes that are not UTF-8), filled while batches are read. */
  readonly warnings: string[]
}

/** The index of column `name`, or an InputError naming the file and the column. */
export function columnIndex(source: Pick<TableSource, 'file' | 'header'>, name: string, role: string): number {
  const i = source.header.indexOf(name)
  if (i < 0)
    throw new InputError(
      `${role} column not found (columns: ${source.header.slice(0, 8).join(', ')}${source.header.length > 8 ? ', …' : ''})`,
      {file: source.file, field: name},
    )
  return i
}
