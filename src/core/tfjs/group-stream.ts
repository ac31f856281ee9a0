/**
 * The byte stream of one manifest group: its shard files concatenated in the
 * order `paths` lists them, as tfjs-core does before decoding
 * (`concatenateArrayBuffers`). A weight is a range of that stream and may span a
 * shard boundary; `piecesOf` maps a range back to (file, offset, length) pieces so
 * it can be read with positioned reads, shard by shard.
 */
import type {FileHandle} from 'node:fs/promises'
import {readRange} from '../checkpoint/read-range.js'

export interface Piece {
  readonly file: string
  /** Byte position in `file`. */
  readonly offset: number
  readonly length: number
}

export interface Shard {
  readonly file: string
  readonly bytes: number
}

export class GroupStream {
  /** Stream position where each shard starts; the last entry is the total. */
  private readonly starts: number[] = [0]

  constructor(readonly shards: readonly Shard[]) {
    for (const s of shards) this.starts.push(this.starts[this.starts.length - 1] + s.bytes)
  }

  get totalBytes(): number {
    return this.starts[this.starts.length - 1]
  }

  /** The file pieces of stream bytes [start, start + length); the range must lie inside the stream. */
  piecesOf(start: number, length: number): Piece[] {
    const pieces: Piece[] = []
    let position = start
    const end = start + length
    for (let i = 0; i < this.shards.length && position < end; i++) {
      const shardEnd = this.starts[i + 1]
      if (position >= shardEnd) continue
      const take = Math.min(end, shardEnd) - position
      pieces.push({file: this.shards[i].file, offset: position - this.starts[i], length: take})
      position += take
    }
    return pieces
  }

  /** Reads stream bytes [start, start + length) into a fresh buffer. */
  async read(
    handles: ReadonlyMap<string, FileHandle>,
    start: number,
    length: number,
    field: string,
  ): Promise<Uint8Array> {
    return readPieces(handles, this.piecesOf(start, length), length, field)
  }
}

/** Reads the pieces one after another into one fresh (8-aligned) buffer of `length` bytes. */
export async function readPieces(
  handles: ReadonlyMap<string, FileHandle>,
  pieces: readonly Piece[],
  length: number,
  field: string,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(length)
  let done = 0
  for (const p of pieces) {
    await readRange(p.file, handles.get(p.file)!, bytes.subarray(done, done + p.length), p.offset, field)
    done += p.length
  }
  return bytes
}
