/**
 * Opens a tabular input with the reader its extension asks for. Kept apart from
 * table-source.ts, which the readers themselves import for the TableSource type,
 * so that no reader imports the module that imports it.
 */
import {openCsv, type CsvOptions} from './csv-source.js'
import type {TableSource} from './table-source.js'

export async function openTable(file: string, csv: CsvOptions = {}): Promise<TableSource> {
  // the Parquet reader (hyparquet) is loaded only for Parquet files: a CSV run starts sooner
  if (/\.parquet$/i.test(file)) return (await import('./parquet-source.js')).openParquet(file)
  return openCsv(file, csv)
}
