/**
 * Opens a tabular input with the reader its extension asks for. Kept apart from
 * table-source.ts, which the readers themselves import for the TableSource type,
 * so that no reader imports the module that imports it.
 */
import {openCsv, type CsvOptions} from './csv-source.js'
import {openParquet} from './parquet-source.js'
import type {TableSource} from './table-source.js'

export async function openTable(file: string, csv: CsvOptions = {}): Promise<TableSource> {
  return /\.parquet$/i.test(file) ? openParquet(file) : openCsv(file, csv)
}
