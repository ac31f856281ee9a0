/**
 * A minimal Parquet writer for tests (no Parquet writer is installed and no Python has pyarrow
 * here): flat schema of OPTIONAL DOUBLE and OPTIONAL BYTE_ARRAY (UTF8) columns, several row
 * groups, one uncompressed PLAIN data page (v1) per column chunk, definition levels as
 * bit-packed RLE-hybrid runs of width 1 (null = level 0). Metadata in the Thrift compact protocol.
 * Format: https://github.com/apache/parquet-format (parquet.thrift, Encodings.md).
 */
import {writeFileSync} from 'node:fs'

export type ParquetColumn =
  {name: string; type: 'double'; values: (number | null)[]} | {name: string; type: 'utf8'; values: (string | null)[]}

/** Thrift compact protocol writer (only what the Parquet footer and page headers need). */
class Compact {
  readonly bytes: number[] = []
  private last: number[] = [0]

  varint(n: bigint | number): void {
    let v = BigInt(n)
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    this.bytes.push(Number(v))
  }

  private zigzag(n: number): void {
    const v = BigInt(n)
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n)
  }

  private header(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1]
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type)
    else {
      this.bytes.push(type)
      this.zigzag(id)
    }
    this.last[this.last.length - 1] = id
  }

  i32(id: number, v: number): void {
    this.header(id, 5)
    this.zigzag(v)
  }

  i64(id: number, v: number): void {
    this.header(id, 6)
    this.zigzag(v)
  }

  binary(id: number, s: string): void {
    this.header(id, 8)
    const b = Buffer.from(s, 'utf8')
    this.varint(b.length)
    this.bytes.push(...b)
  }

  struct(id: number, body: () => void): void {
    this.header(id, 12)
    this.structBody(body)
  }

  structBody(body: () => void): void {
    this.last.push(0)
    body()
    this.bytes.push(0)
    this.last.pop()
  }

  list(id: number, elementType: 'struct' | 'i32' | 'binary', items: (() => void)[] | number[] | string[]): void {
    this.header(id, 9)
    const type = elementType === 'struct' ? 12 : elementType === 'i32' ? 5 : 8
    if (items.length < 15) this.bytes.push((items.length << 4) | type)
    else {
      this.bytes.push(0xf0 | type)
      this.varint(items.length)
    }
    for (const item of items) {
      if (elementType === 'struct') this.structBody(item as () => void)
      else if (elementType === 'i32') this.zigzag(item as number)
      else {
        const b = Buffer.from(item as string, 'utf8')
        this.varint(b.length)
        this.bytes.push(...b)
      }
    }
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}

/** Definition levels (1 present, 0 null) as one bit-packed run, prefixed by its byte length. */
function definitionLevels(values: readonly unknown[]): Buffer {
  const groups = Math.ceil(values.length / 8)
  const run = new Compact()
  run.varint((groups << 1) | 1)
  const bits = Buffer.alloc(groups)
  values.forEach((v, i) => v !== null && (bits[i >> 3] |= 1 << (i & 7)))
  const body = Buffer.concat([Buffer.from(run.bytes), bits])
  return Buffer.concat([u32(body.length), body])
}

function plainValues(column: ParquetColumn, from: number, to: number): Buffer {
  const parts: Buffer[] = []
  for (let i = from; i < to; i++) {
    const v = column.values[i]
    if (v === null) continue
    if (column.type === 'double') {
      const b = Buffer.alloc(8)
      b.writeDoubleLE(v as number)
      parts.push(b)
    } else {
      const b = Buffer.from(v as string, 'utf8')
      parts.push(u32(b.length), b)
    }
  }
  return Buffer.concat(parts)
}

const PHYSICAL = {double: 5, utf8: 6} as const

/** Writes `columns` (equal lengths) as a Parquet file with row groups of `rowGroupSize` rows. */
export function writeParquet(path: string, columns: readonly ParquetColumn[], rowGroupSize: number): void {
  const rows = columns[0].values.length
  const chunks: Buffer[] = [Buffer.from('PAR1')]
  let offset = 4
  const groups: {rows: number; bytes: number; columns: {offset: number; size: number; values: number}[]}[] = []
  for (let start = 0; start < rows; start += rowGroupSize) {
    const end = Math.min(rows, start + rowGroupSize)
    const group = {rows: end - start, bytes: 0, columns: [] as {offset: number; size: number; values: number}[]}
    for (const column of columns) {
      const data = Buffer.concat([definitionLevels(column.values.slice(start, end)), plainValues(column, start, end)])
      const header = new Compact()
      header.structBody(() => {
        header.i32(1, 0) // DATA_PAGE
        header.i32(2, data.length)
        header.i32(3, data.length)
        header.struct(5, () => {
          header.i32(1, end - start)
          header.i32(2, 0) // PLAIN
          header.i32(3, 3) // RLE
          header.i32(4, 3) // RLE
        })
      })
      const page = Buffer.concat([Buffer.from(header.bytes), data])
      group.columns.push({offset, size: page.length, values: end - start})
      group.bytes += page.length
      chunks.push(page)
      offset += page.length
    }
    groups.push(group)
  }
  const footer = new Compact()
  footer.structBody(() => {
    footer.i32(1, 1)
    footer.list(2, 'struct', [
      () => {
        footer.binary(4, 'schema')
        footer.i32(5, columns.length)
      },
      ...columns.map((c) => () => {
        footer.i32(1, PHYSICAL[c.type])
        footer.i32(3, 1) // OPTIONAL
        footer.binary(4, c.name)
        if (c.type === 'utf8') footer.i32(6, 0) // ConvertedType UTF8
      }),
    ])
    footer.i64(3, rows)
    footer.list(
      4,
      'struct',
      groups.map((g) => () => {
        footer.list(
          1,
          'struct',
          g.columns.map((c, j) => () => {
            footer.i64(2, c.offset)
            footer.struct(3, () => {
              footer.i32(1, PHYSICAL[columns[j].type])
              footer.list(2, 'i32', [0, 3])
              footer.list(3, 'binary', [columns[j].name])
              footer.i32(4, 0) // UNCOMPRESSED
              footer.i64(5, c.values)
              footer.i64(6, c.size)
              footer.i64(7, c.size)
              footer.i64(9, c.offset)
            })
          }),
        )
        footer.i64(2, g.bytes)
        footer.i64(3, g.rows)
      }),
    )
    footer.binary(6, 'infolens test writer')
  })
  const meta = Buffer.from(footer.bytes)
  chunks.push(meta, u32(meta.length), Buffer.from('PAR1'))
  writeFileSync(path, Buffer.concat(chunks))
}
