/**
 * Streams a CSV file as batches of text records with csv-parse (RFC 4180 quoting, BOM,
 * CRLF). The first record is the header. Parse failures become one-line InputErrors
 * naming the file and the line: ragged rows ("line 5: expected 21 fields, found 20"),
 * unclosed quotes, and an empty file.
 */
import {createReadStream} from 'node:fs'
import {parse} from 'csv-parse'
import {InputError} from '../../errors.js'
import type {TableSource} from './table-source.js'

const BATCH = 4096

interface CsvFailure {
  code?: string
  lines?: number
  record?: unknown[]
  message: string
}

function csvError(file: string, error: CsvFailure, width: number): InputError {
  const line = error.lines === undefined ? 'line ?' : `line ${error.lines}`
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    // the parser reads ahead, so the error can arrive before the header is returned: take the width from it
    const expected = /expect (\d+)/.exec(error.message)?.[1] ?? String(width)
    return new InputError(`expected ${expected} fields, found ${error.record?.length ?? '?'}`, {file, field: line})
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new InputError('quoted field not closed', {file, field: line})
  if (error.code === 'ENOENT') return new InputError('file not found', {file})
  return new InputError(`malformed CSV (${(error.code ?? error.message).toString().split('\n')[0]})`, {file, field: line})
}

export async function openCsv(file: string): Promise<TableSource> {
  const parser = createReadStream(file).on('error', (e) => parser.destroy(e)).pipe(parse({bom: true, relax_column_count: false, skip_empty_lines: true}))
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>
  let width = 0
  let first: IteratorResult<string[]>
  try {
    first = await iterator.next()
  } catch (error) {
    throw csvError(file, error as CsvFailure, width)
  }
  if (first.done || first.value.length === 0) throw new InputError('empty file: expected a header line', {file})
  const header = first.value.map((h) => h.trim())
  width = header.length
  async function* batches(): AsyncGenerator<string[][]> {
    let batch: string[][] = []
    try {
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        batch.push(r.value)
        if (batch.length === BATCH) {
          yield batch
          batch = []
        }
      }
    } catch (error) {
      throw csvError(file, error as CsvFailure, width)
    }
    if (batch.length > 0) yield batch
  }
  return {file, header, batches}
}
