/**
 * The DuckDB table function reading a data file: CSV with every column as text (cells then follow
 * the streaming reader's missing/number rules; strict_mode off because the sniffer rejects some
 * well-formed files otherwise), Parquet with its stored types.
 */
import {text} from './credit-queries.js'

export function duckdbRelation(file: string): string {
  return /\.parquet$/i.test(file)
    ? `read_parquet(${text(file)})`
    : `read_csv(${text(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', strict_mode = false)`
}
