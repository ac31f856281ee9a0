/**
 * Reads a Parquet file with hyparquet one row group at a time (bounded memory) and presents
 * its rows as text records like the CSV reader: null → "" (missing), numbers and bigints
 * by String(), booleans as "true"/"false", dates as ISO strings; the byte view encodes those records.
 */
import {asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema} from 'hyparquet'
import {InputError} from '../../../core/errors.js'
import {encodeRecords} from './batch-codec.js'
import type {ByteBatch, TableSource} from './table-source.js'

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'number' && Number.isNaN(v)) return ''
  return String(v)
}

export async function openParquet(file: string): Promise<TableSource> {
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>
  try {
    buffer = await asyncBufferFromFile(file)
    metadata = await parquetMetadataAsync(buffer)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(
      code === 'ENOENT' ? 'file not found' : `not a readable Parquet file (${(error as Error).message.split('\n')[0]})`,
      {file},
    )
  }
  const header = parquetSchema(metadata).children.map((c) => c.element.name)
  async function* batches(): AsyncGenerator<string[][]> {
    let rowStart = 0
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows)
      let rows: unknown[][] = []
      await parquetRead({file: buffer, metadata, rowStart, rowEnd, onComplete: (r: unknown[][]) => (rows = r)})
      yield rows.map((row) => row.map(cellText))
      rowStart = rowEnd
    }
  }
  async function* byteBatches(): AsyncGenerator<ByteBatch> {
    for await (const batch of batches()) yield encodeRecords(batch, header.length)
  }
  return {file, header, batches, byteBatches, warnings: []}
}
