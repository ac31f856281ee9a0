/**
 * Conversions between the two batch forms of ./table-source.ts: text records to a byte batch (UTF-8, for readers
 * that produce strings: Parquet, and the quoted-CSV path of csv-source.ts) and a byte batch back to text records
 * (for consumers that want strings). Encoding then decoding gives the text back, since JS strings read from a file
 * hold no lone surrogates.
 */
import {cellText} from '../kernels/cell-bytes.js'
import type {ByteBatch} from './table-source.js'

const encoder = new TextEncoder()

/** Text records (each `width` cells) as one byte batch. */
export function encodeRecords(records: readonly (readonly string[])[], width: number): ByteBatch {
  const starts = new Int32Array(records.length * width)
  const ends = new Int32Array(records.length * width)
  let chars = 0
  for (const record of records) for (const cell of record) chars += cell.length
  // at most 3 bytes per UTF-16 code unit
  const bytes = new Uint8Array(3 * chars)
  let used = 0
  let k = 0
  for (const record of records) {
    for (const cell of record) {
      starts[k] = used
      used += encoder.encodeInto(cell, bytes.subarray(used)).written
      ends[k++] = used
    }
  }
  return {bytes, starts, ends, rows: records.length, width}
}

/** A byte batch as text records. */
export function decodeBatch(batch: ByteBatch): string[][] {
  const records: string[][] = []
  for (let r = 0; r < batch.rows; r++) {
    const record: string[] = []
    for (let j = 0, k = r * batch.width; j < batch.width; j++, k++)
      record.push(cellText(batch.bytes, batch.starts[k], batch.ends[k]))
    records.push(record)
  }
  return records
}
