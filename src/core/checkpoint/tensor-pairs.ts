/**
 * Pairs the tensors of two checkpoints of one model (a base A and its quantized or converted copy B), so
 * they can be compared element by element: by equal name, or through the GGUF ↔ Hugging Face name map when
 * one side uses GGUF names. A GGUF side matched through the map is read back in Hugging Face row order
 * (llama.cpp permuted q/k rows; rotary-permutation.ts), so both sides hold the same W.
 * A tensor of A that B lacks, or B's tensors no A tensor claimed, are listed with a reason; a matched
 * pair whose shapes differ is bad input (the two are not the same model).
 */
import type {Checkpoint, TensorEntry} from './checkpoint.js'
import {ggufName, huggingFaceName, isGgufStyleName} from './gguf-names.js'
import {rotaryHeads, unpermuteRotaryRows} from './rotary-permutation.js'
import {InputError} from '../errors.js'

export interface TensorSide {
  readonly checkpoint: Checkpoint
  /** The path as the user gave it (for error messages). */
  readonly path: string
}

export interface TensorPair {
  /** A's name, the name the pair is reported under. */
  readonly name: string
  readonly a: TensorEntry
  readonly b: TensorEntry
  /** The GGUF name of the tensor (from whichever side has one, else mapped from A's), or null. */
  readonly gguf: string | null
  /** Heads to undo llama.cpp's rotary permutation with, per side (undefined: read as stored). */
  readonly aHeads?: number
  readonly bHeads?: number
}

export interface UnmatchedTensor {
  readonly name: string
  readonly side: 'A' | 'B'
  readonly reason: string
}

export interface TensorPairing {
  readonly pairs: TensorPair[]
  readonly unmatched: UnmatchedTensor[]
}

/** Pairs A's tensors accepted by `wanted` with B's; throws InputError on a shape mismatch. */
export function pairTensors(A: TensorSide, B: TensorSide, wanted: (entry: TensorEntry) => boolean): TensorPairing {
  const byName = new Map(B.checkpoint.tensors.map((t) => [t.name, t]))
  const claimed = new Set<string>()
  const pairs: TensorPair[] = []
  const unmatched: UnmatchedTensor[] = []
  for (const a of A.checkpoint.tensors.filter(wanted)) {
    const direct = byName.get(a.name)
    const mappedName = direct ? undefined : mapName(a.name)
    const b = direct ?? (mappedName === undefined ? undefined : byName.get(mappedName))
    if (!b) {
      unmatched.push({name: a.name, side: 'A', reason: `not in B${mappedName ? ` (nor as ${mappedName})` : ''}`})
      continue
    }
    if (a.shape.join() !== b.shape.join())
      throw new InputError(`shape [${b.shape.join(', ')}] differs from A's [${a.shape.join(', ')}]`, {
        file: B.path,
        field: `tensor ${b.name}`,
      })
    claimed.add(b.name)
    const viaMap = direct === undefined
    pairs.push({
      name: a.name,
      a,
      b,
      gguf: isGgufStyleName(a.name) ? a.name : isGgufStyleName(b.name) ? b.name : (ggufName(a.name) ?? null),
      ...heads('aHeads', viaMap, a.name, A),
      ...heads('bHeads', viaMap, b.name, B),
    })
  }
  for (const b of B.checkpoint.tensors)
    if (!claimed.has(b.name) && wanted(b)) unmatched.push({name: b.name, side: 'B', reason: 'not in A'})
  return {pairs, unmatched}
}

/** The other naming convention's name for `name`. */
function mapName(name: string): string | undefined {
  return isGgufStyleName(name) ? huggingFaceName(name) : ggufName(name)
}

/** A GGUF-named side matched through the map is read back in Hugging Face row order. */
function heads(key: 'aHeads' | 'bHeads', viaMap: boolean, name: string, side: TensorSide): Record<string, number> {
  if (!viaMap || !isGgufStyleName(name)) return {}
  try {
    const h = rotaryHeads(name, side.checkpoint.metadata)
    return h === undefined ? {} : {[key]: h}
  } catch (error) {
    throw new InputError(`cannot undo the rotary permutation: ${(error as Error).message}`, {
      file: side.path,
      field: `tensor ${name}`,
    })
  }
}

/** The tensor's values as float64 in Hugging Face row order. */
export async function readPairSide(checkpoint: Checkpoint, entry: TensorEntry, heads?: number): Promise<Float64Array> {
  const values = await checkpoint.readFloat64(entry)
  return heads === undefined ? values : unpermuteRotaryRows(values, entry.shape[0], heads)
}
