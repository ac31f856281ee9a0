/**
 * `-` as the DATA argument of the credit commands that read one data file: standard input, buffered to a
 * temporary file first, because the readers open their input by path (the Parquet reader seeks, and a CSV may be
 * read twice: `credit bin --method xgb1`). The file is named by its content (`stdin.parquet` when it starts with
 * Parquet's magic `PAR1`, else `stdin.csv`) so the usual reader is chosen, and it is removed when the process
 * exits. Reports name that temporary path as their input, with its checksum.
 */
import {createWriteStream, mkdtempSync, openSync, readSync, closeSync, renameSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pipeline} from 'node:stream/promises'

export const STDIN_ARGUMENT = '-'

/** The path to read for a DATA argument: the argument itself, or for `-` a temporary copy of stdin. */
export async function dataPath(argument: string): Promise<string> {
  if (argument !== STDIN_ARGUMENT) return argument
  const dir = mkdtempSync(join(tmpdir(), 'infolens-stdin-'))
  process.once('exit', () => rmSync(dir, {recursive: true, force: true}))
  const raw = join(dir, 'stdin')
  await pipeline(process.stdin, createWriteStream(raw))
  const named = join(dir, startsWithParquetMagic(raw) ? 'stdin.parquet' : 'stdin.csv')
  renameSync(raw, named)
  return named
}

function startsWithParquetMagic(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(4)
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === 'PAR1'
  } finally {
    closeSync(fd)
  }
}
