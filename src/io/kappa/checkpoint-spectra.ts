/**
 * Streams a checkpoint tensor by tensor, classifies each one (candidate-rules),
 * and turns every candidate into its metrics summary from float64 singular
 * values, taken from the spectra store when present and solved otherwise
 * (spec kappa.md §3.3: stream, f64, cache, spread matrices over workers).
 * At most `concurrency` tensors are in memory at a time; spectra are reduced
 * to their summary as soon as they are known.
 */
import type {Checkpoint, TensorEntry} from '../safetensors/index.js'
import {fingerprintFile} from '../checksum.js'
import {classifyTensor, type Candidate, type CandidateOptions} from '../../kernels/kappa/candidate-rules.js'
import {summarizeSpectra, type ScannedTensor} from '../../kernels/kappa/build-plan.js'
import type {SpectraStore, SpectrumKey} from './spectra-store.js'

export interface SingularValueSolver {
  svdvals(w: Float64Array, rows: number, cols: number, name: string): Promise<Float64Array>
}

export interface ScanOptions {
  readonly candidates: CandidateOptions
  readonly eps: number
  readonly store: SpectraStore
  readonly solver: SingularValueSolver
  readonly concurrency: number
  readonly onTensor?: (name: string) => void
}

export interface ScanResult {
  readonly tensors: ScannedTensor[]
  /** Matrices whose singular values were computed in this run. */
  readonly solves: number
  /** Candidate tensors whose spectra came from the store. */
  readonly cacheHits: number
}

export async function scanCheckpoint(checkpoint: Checkpoint, options: ScanOptions): Promise<ScanResult> {
  const fileHashes = new Map<string, Promise<string>>()
  const fileSha = (file: string) => {
    if (!fileHashes.has(file)) fileHashes.set(file, fingerprintFile(file).then((f) => f.sha256))
    return fileHashes.get(file) as Promise<string>
  }
  const counters = {solves: 0, cacheHits: 0}
  const results: ScannedTensor[] = new Array(checkpoint.tensors.length)
  let next = 0
  const worker = async () => {
    while (next < checkpoint.tensors.length) {
      const index = next++
      const entry = checkpoint.tensors[index]
      results[index] = await scanTensor(checkpoint, entry, options, fileSha, counters)
      options.onTensor?.(entry.name)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, options.concurrency)}, worker))
  return {tensors: results, ...counters}
}

async function scanTensor(
  checkpoint: Checkpoint,
  entry: TensorEntry,
  options: ScanOptions,
  fileSha: (file: string) => Promise<string>,
  counters: {solves: number; cacheHits: number},
): Promise<ScannedTensor> {
  const classification = classifyTensor(entry.name, entry.dtype, entry.shape, options.candidates)
  const base = {name: entry.name, dtype: entry.dtype, shape: entry.shape, classification}
  if (!classification.candidate) return base
  const key: SpectrumKey = {fileSha256: await fileSha(entry.file), tensor: entry.name, shape: entry.shape, dtype: entry.dtype}
  const k = Math.min(classification.rows, classification.cols)
  let values = await options.store.get(key)
  if (values && values.length === k * classification.matrices) {
    counters.cacheHits++
  } else {
    values = await solveTensor(checkpoint, entry, classification, options.solver)
    counters.solves += classification.matrices
    await options.store.put(key, values)
  }
  const spectra = Array.from({length: classification.matrices}, (_, e) => values.subarray(e * k, (e + 1) * k))
  return {...base, summary: summarizeSpectra(classification, spectra, options.eps)}
}

/** Singular values of every matrix of the tensor, concatenated (experts in order). */
async function solveTensor(checkpoint: Checkpoint, entry: TensorEntry, c: Candidate, solver: SingularValueSolver): Promise<Float64Array> {
  const data = await checkpoint.readFloat64(entry)
  const size = c.rows * c.cols
  const k = Math.min(c.rows, c.cols)
  const out = new Float64Array(k * c.matrices)
  const parts = await Promise.all(
    Array.from({length: c.matrices}, (_, e) =>
      solver.svdvals(c.matrices > 1 ? data.slice(e * size, (e + 1) * size) : data, c.rows, c.cols, c.matrices > 1 ? `${entry.name}[${e}]` : entry.name),
    ),
  )
  parts.forEach((s, e) => out.set(s, e * k))
  return out
}
