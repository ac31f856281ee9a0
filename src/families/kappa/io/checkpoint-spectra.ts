/**
 * Streams a checkpoint tensor by tensor, classifies each one (candidate-rules),
 * and turns every candidate into its metrics summary from float64 singular
 * values, taken from the spectra store when present and solved otherwise
 * (spec kappa.md §3.3: stream, f64, cache, spread matrices over workers).
 * At most `concurrency` tensors are in memory at a time; spectra are reduced
 * to their summary as soon as they are known.
 *
 * Cache entries: SVD values are always used. Values that `spectral` derived from a
 * float64 Gram matrix are used when core/linalg/gram-accuracy says every σ is within
 * 1e-9 relative (κ ≤ ~300 at LLM sizes); otherwise the tensor is solved by SVD and
 * its entry replaced, which `spectral` then reads (its λ = σ² only gain accuracy).
 */
import {checkDecodable, Checkpoint, TensorEntry} from '../../../core/checkpoint/index.js'
import {fingerprintFile} from '../../../core/io/checksum.js'
import {classifyTensor, type Candidate, type CandidateOptions, type Skipped} from '../kernels/candidate-rules.js'
import {summarizeSpectra, type ScannedTensor} from '../kernels/build-plan.js'
import {gramSpectraAccurate} from '../../../core/linalg/gram-accuracy.js'
import type {RoutedSpectrum} from '../../../core/linalg/gram-first.js'
import type {SpectrumMethod, SpectrumView} from '../../../core/cache/spectra-cache.js'
import type {SpectraStore, SpectrumKey} from './spectra-store.js'

export interface SingularValueSolver {
  svdvals(w: Float64Array, rows: number, cols: number, name: string): Promise<Float64Array>
  /**
   * σ by the cheapest route that is as accurate as kappa needs (core/linalg/gram-first.ts): the Gram (dsyrk +
   * dsyevd, a fraction of an SVD) where core/linalg/gram-accuracy proves every σ within 1e-9 relative, the
   * Gram with an LU-refined small end for square matrices, an SVD otherwise. Used instead of `svdvals` when given.
   */
  gramFirst?(w: Float64Array, rows: number, cols: number, name: string): Promise<RoutedSpectrum>
}

export interface ScanOptions {
  readonly candidates: CandidateOptions
  readonly eps: number
  readonly store: SpectraStore
  readonly solver: SingularValueSolver
  readonly concurrency: number
  readonly onTensor?: (name: string) => void
  /** Solve only the candidates at these positions (a shard, --shard K/N); the others keep their classification. */
  readonly only?: ReadonlySet<number>
}

export interface ScanResult {
  readonly tensors: ScannedTensor[]
  /** Matrices whose singular values were computed in this run. */
  readonly solves: number
  /** Candidate tensors whose spectra came from the store. */
  readonly cacheHits: number
  /** Of those, tensors whose spectra were `spectral`'s Gram eigenvalues (accurate enough for κ). */
  readonly cacheHitsGram: number
  /** Tensors with a Gram entry too ill-conditioned to trust, solved again by SVD. */
  readonly gramRejected: number
  /** Solved matrices by route: the Gram alone, the Gram with an LU-refined small end, an SVD. */
  readonly routes: Readonly<Record<SpectrumMethod, number>>
}

/**
 * classifyTensor, then the reader's verdict: a candidate stored in a type the reader cannot decode (a GGUF IQ2_XS
 * matrix) is bad input, or with --skip-unsupported a skip with its reason.
 */
export function classifyEntry(entry: TensorEntry, options: CandidateOptions): Candidate | Skipped {
  const c = classifyTensor(entry.name, entry.dtype, entry.shape, options)
  if (!c.candidate) return c
  const why = checkDecodable(entry, options.skipUnsupported === true)
  return why === undefined ? c : {candidate: false, reason: 'unsupported-dtype', detail: why}
}

export async function scanCheckpoint(checkpoint: Checkpoint, options: ScanOptions): Promise<ScanResult> {
  // an undecodable candidate fails here, before any tensor is read or solved
  for (const entry of checkpoint.tensors) classifyEntry(entry, options.candidates)
  const fileHashes = new Map<string, Promise<string>>()
  const fileSha = (file: string) => {
    if (!fileHashes.has(file))
      fileHashes.set(
        file,
        fingerprintFile(file).then((f) => f.sha256),
      )
    return fileHashes.get(file) as Promise<string>
  }
  const counters: Counters = {
    solves: 0,
    cacheHits: 0,
    cacheHitsGram: 0,
    gramRejected: 0,
    routes: {'eigvalsh-gram': 0, 'gram-lu': 0, svd: 0},
  }
  const results: ScannedTensor[] = new Array(checkpoint.tensors.length)
  let next = 0
  const worker = async () => {
    while (next < checkpoint.tensors.length) {
      const index = next++
      const entry = checkpoint.tensors[index]
      results[index] = await scanTensor(checkpoint, entry, options, fileSha, counters, options.only?.has(index) ?? true)
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
  counters: Counters,
  mine: boolean,
): Promise<ScannedTensor> {
  const classification = classifyEntry(entry, options.candidates)
  const base = {name: entry.name, dtype: entry.dtype, shape: entry.shape, classification}
  if (!classification.candidate || !mine) return base
  const key: SpectrumKey = {
    fileSha256: await fileSha(entry.file),
    tensor: entry.name,
    shape: entry.shape,
    dtype: entry.dtype,
    view: viewOf(entry, classification),
  }
  const k = Math.min(classification.rows, classification.cols)
  const hit = await options.store.get(key)
  let values = hit && hit.values.length === k * classification.matrices ? hit.values : undefined
  if (
    values &&
    hit?.method === 'eigvalsh-gram' &&
    !gramSpectraAccurate(values, classification.rows, classification.cols)
  ) {
    counters.gramRejected++
    values = undefined
  }
  if (values) {
    counters.cacheHits++
    if (hit?.method === 'eigvalsh-gram') counters.cacheHitsGram++
  } else {
    const solved = await solveTensor(checkpoint, entry, classification, options.solver, counters.routes)
    values = solved.values
    counters.solves += classification.matrices
    await options.store.put(key, values, solved.method)
  }
  const spectra = Array.from({length: classification.matrices}, (_, e) => values.subarray(e * k, (e + 1) * k))
  return {...base, summary: summarizeSpectra(classification, spectra, options.eps)}
}

interface Counters {
  solves: number
  cacheHits: number
  cacheHitsGram: number
  gramRejected: number
  routes: Record<SpectrumMethod, number>
}

/** How kappa turns the tensor into matrices (the cache key's view; see src/core/cache/spectra-cache.ts). */
function viewOf(entry: TensorEntry, c: Candidate): SpectrumView {
  if (c.kind === 'moe-parameter') return 'experts'
  return entry.shape.length === 2 ? 'matrix' : 'reshape-2d'
}

/**
 * Singular values (descending) of every matrix of the tensor, concatenated (experts in order), and how they were
 * obtained: 'eigvalsh-gram' when every matrix's Gram spectrum passed the accuracy test, 'gram-lu' when the others
 * were refined by LU, else 'svd' (some matrices were solved by SVD). Every σ is within 1e-9 relative either way,
 * as good as kappa needs; the method tells `spectral` and a later `kappa` what the cache holds.
 */
async function solveTensor(
  checkpoint: Checkpoint,
  entry: TensorEntry,
  c: Candidate,
  solver: SingularValueSolver,
  routes: Record<SpectrumMethod, number>,
): Promise<{values: Float64Array; method: SpectrumMethod}> {
  const data = await checkpoint.readFloat64(entry)
  const size = c.rows * c.cols
  const k = Math.min(c.rows, c.cols)
  const out = new Float64Array(k * c.matrices)
  const parts = await Promise.all(
    Array.from({length: c.matrices}, (_, e) =>
      solveMatrix(
        solver,
        c.matrices > 1 ? data.slice(e * size, (e + 1) * size) : data,
        c.rows,
        c.cols,
        c.matrices > 1 ? `${entry.name}[${e}]` : entry.name,
      ),
    ),
  )
  parts.forEach((p, e) => out.set(p.values, e * k))
  for (const p of parts) routes[p.route]++
  const method = parts.some((p) => p.route === 'svd')
    ? 'svd'
    : parts.some((p) => p.route === 'gram-lu')
      ? 'gram-lu'
      : 'eigvalsh-gram'
  return {values: out, method}
}

/** Gram-first when the solver offers it (gram-first.ts), else the SVD. */
async function solveMatrix(
  solver: SingularValueSolver,
  w: Float64Array,
  rows: number,
  cols: number,
  name: string,
): Promise<RoutedSpectrum> {
  if (solver.gramFirst) return solver.gramFirst(w, rows, cols, name)
  return {values: await solver.svdvals(w, rows, cols, name), route: 'svd'}
}
