/**
 * Embeddings given as rows of a `.npy` side-car (`"embedding": {"npy": "emb.npy", "row": 17}`)
 * are fetched here, after the line has passed the schema and before the size checks, so the rest
 * of uq sees a Float64Array either way. Paths are relative to the JSONL file's folder. Rows of one
 * item that are consecutive in a file (the usual layout: one item's 50 vectors in a block) come
 * in one positioned read (core/io/npy-rows). A missing or malformed file, a row out of range and a
 * non-finite value are problems of the field that names them.
 */
import {isAbsolute, join} from 'node:path'
import {NpyProblem, type NpyRowReader} from '../../../core/io/npy-rows.js'
import type {UqItem} from './items-jsonl.js'

/** A problem with a referenced embedding: `field` is the item path (`runs[0].inputs[1].embedding.row`). */
export class EmbeddingRowProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

interface RowReference {
  readonly npy: string
  readonly row: number
}

interface Request {
  readonly holder: {embedding?: unknown}
  readonly field: string
  readonly path: string
  readonly row: number
}

const isReference = (v: unknown): v is RowReference => v !== undefined && !Array.isArray(v) && !ArrayBuffer.isView(v)

/** Every embedding of the item that is a row reference, with its field path. */
function collectRequests(item: UqItem, baseDir: string): Request[] {
  const out: Request[] = []
  const add = (holder: {embedding?: unknown}, field: string): void => {
    if (!isReference(holder.embedding)) return
    const {npy, row} = holder.embedding
    out.push({holder, field: `${field}.embedding`, path: isAbsolute(npy) ? npy : join(baseDir, npy), row})
  }
  item.runs.forEach((run, r) =>
    run.inputs.forEach((x, i) => {
      add(x, `runs[${r}].inputs[${i}]`)
      x.responses.forEach((y, j) => add(y, `runs[${r}].inputs[${i}].responses[${j}]`))
    }),
  )
  return out
}

function assertFinite(values: Float64Array, request: Request): void {
  for (let k = 0; k < values.length; k++)
    if (!Number.isFinite(values[k]))
      throw new EmbeddingRowProblem(
        request.field,
        `expected finite numbers, row ${request.row} of ${request.path} holds ${values[k]} at column ${k}`,
      )
}

/** Reads the consecutive requests `group` (same file, ascending rows) with one read. */
function readGroup(reader: NpyRowReader, group: Request[]): void {
  const first = group[0]
  let rows: Float64Array[]
  try {
    rows = reader.readRows(first.path, first.row, group.length)
  } catch (error) {
    if (!(error instanceof NpyProblem)) throw error
    // name the reference whose row is out of range, not the group's first
    const culprit = error.field === 'row' ? (group.find((q) => q.row >= reader.describe(q.path).rows) ?? first) : first
    throw new EmbeddingRowProblem(`${culprit.field}.${error.field}`, error.message)
  }
  group.forEach((q, k) => {
    assertFinite(rows[k], q)
    q.holder.embedding = rows[k]
  })
}

/** Replaces every row reference of `item` by the row's values, in place. */
export function resolveEmbeddingRows(item: UqItem, baseDir: string, reader: NpyRowReader): void {
  const requests = collectRequests(item, baseDir).sort((a, b) =>
    a.path === b.path ? a.row - b.row : a.path < b.path ? -1 : 1,
  )
  let start = 0
  for (let k = 1; k <= requests.length; k++) {
    const prev = requests[k - 1]
    const next = requests[k]
    if (next !== undefined && next.path === prev.path && next.row === prev.row + 1) continue
    readGroup(reader, requests.slice(start, k))
    start = k
  }
}
