/**
 * The shared spectra cache (src/core/cache/spectra-cache.ts) as `spectral analyze` uses it: a tensor whose singular
 * values are cached (from an earlier `spectral` run, or from `kappa`, whose SVD values are more accurate) is
 * not read nor solved again. Entries hold σ = √λ per slice, descending, slices concatenated; written with
 * method 'eigvalsh-gram' (or 'svd' where the pool re-solved a spectrum the Gram could not resolve). The key's
 * view is 'matrix' for a dense 2-D weight (shared with `kappa`, which reuses
 * these values when they are accurate enough for κ and otherwise replaces them by SVD values) and
 * 'conv2d-slices' for a 4-D conv kernel (WeightWatcher's kh·kw slices; `kappa` reshapes such a tensor instead
 * and keeps its own entry). Entries are verified on read (src/core/cache/spectra-cache.ts); a corrupt one is a miss,
 * solved again and rewritten. Keys need the SHA-256 of the shard file, hashed once per file per run.
 */
import {fingerprintFile} from '../../../core/io/checksum.js'
import {
  getCachedSingularValues,
  putCachedSingularValues,
  spectraCacheDir,
  type SpectrumCacheKey,
} from '../../../core/cache/spectra-cache.js'
import {TensorEntry} from '../../../core/checkpoint/index.js'
import {gramResolvesSpectrum} from '../../../core/linalg/gram-resolution.js'

export interface SpectraCache {
  readonly dir: string
  /** Per-slice eigenvalues λ = σ² (each slice ascending), or undefined on a miss. */
  get(entry: TensorEntry, slices: number, perSlice: number): Promise<Float64Array[] | undefined>
  /** Stores per-slice eigenvalues (any order) as σ descending. Never throws (a read-only cache only costs time). */
  put(entry: TensorEntry, sliceEvals: readonly Float64Array[]): Promise<void>
}

/** `dir` null: no cache (--no-cache); undefined: $INFOLENS_CACHE_DIR or the user cache directory. */
export function openSpectraCache(dir: string | null | undefined): SpectraCache | undefined {
  if (dir === null) return undefined
  const options = {dir: spectraCacheDir(dir === undefined ? {} : {dir})}
  const hashes = new Map<string, Promise<string>>()
  const keyOf = async (entry: TensorEntry): Promise<SpectrumCacheKey> => {
    if (!hashes.has(entry.file))
      hashes.set(
        entry.file,
        fingerprintFile(entry.file).then((f) => f.sha256),
      )
    const view = entry.shape.length === 4 ? 'conv2d-slices' : 'matrix'
    return {fileSha256: await hashes.get(entry.file)!, tensor: entry.name, shape: entry.shape, dtype: entry.dtype, view}
  }
  return {
    dir: options.dir,
    async get(entry, slices, perSlice) {
      const hit = await getCachedSingularValues(await keyOf(entry), options)
      if (!hit || hit.values.length !== slices * perSlice) return undefined
      const evals = Array.from({length: slices}, (_, s) => {
        const out = new Float64Array(perSlice)
        for (let k = 0; k < perSlice; k++) {
          const sv = hit.values[s * perSlice + perSlice - 1 - k]
          out[k] = sv * sv
        }
        return out
      })
      // A Gram spectrum cached before the small end was checked (or by a tool that does not check) is a miss
      // when the Gram cannot resolve it: solved again, now by SVD, and rewritten.
      const unresolved = hit.method === 'eigvalsh-gram' && evals.some((e) => !gramResolvesSpectrum(e, perSlice))
      return unresolved ? undefined : evals
    },
    async put(entry, sliceEvals) {
      const total = sliceEvals.reduce((n, e) => n + e.length, 0)
      const values = new Float64Array(total)
      let offset = 0
      for (const e of sliceEvals) {
        const sv = Array.from(e, (l) => Math.sqrt(Math.max(0, l))).sort((a, b) => b - a)
        values.set(sv, offset)
        offset += e.length
      }
      try {
        // the pool re-solves by SVD exactly those spectra the Gram cannot resolve, so the check tells the method
        const method = sliceEvals.every((e) => gramResolvesSpectrum(e, e.length)) ? 'eigvalsh-gram' : 'svd'
        await putCachedSingularValues(await keyOf(entry), values, method, options)
      } catch {
        // an unwritable cache directory only costs the next run its solves
      }
    },
  }
}
