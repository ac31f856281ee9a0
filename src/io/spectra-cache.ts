/**
 * On-disk cache of per-tensor singular values, shared by `spectral` and `kappa`.
 *
 * API
 *   getCachedSingularValues(key, options?) → Promise<CachedSpectrum | undefined>
 *   putCachedSingularValues(key, values, method, options?) → Promise<void>
 *   spectraCacheDir(options?) → string
 * where key = {fileSha256, tensor, shape, dtype} (the SHA-256 of the shard file holding the tensor, its name,
 * shape and stored dtype), values = float64 singular values σ, DESCENDING (all matrices of the tensor
 * concatenated, e.g. conv2d slices), and method records how they were obtained:
 *   'eigvalsh-gram' (σ = √λ from eig(WᵀW): small σ lose accuracy, below ~1e-8·σmax they are noise) or
 *   'svd' (σ from a singular-value decomposition; accurate small values).
 * A reader that needs accurate small σ should ignore 'eigvalsh-gram' entries.
 *
 * Layout: directory `$INFOLENS_CACHE_DIR` or `~/.cache/infolens/spectra`; per entry `<id>.f64` (little-endian
 * float64) and `<id>.json` (the key, method, count, createdAt), id = sha256 of the canonical key. Both files are
 * written atomically (temp + fsync + rename), the data file first, so a present `.json` always has its data.
 * A corrupt or mismatching entry reads as a miss.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {writeFileAtomic, writeJsonAtomic} from '../report/atomic-write.js'

export interface SpectrumCacheKey {
  readonly fileSha256: string
  readonly tensor: string
  readonly shape: readonly number[]
  readonly dtype: string
}

export type SpectrumMethod = 'eigvalsh-gram' | 'svd'

export interface CachedSpectrum {
  /** Singular values, descending. */
  readonly values: Float64Array
  readonly method: SpectrumMethod
}

export interface CacheOptions {
  /** Overrides $INFOLENS_CACHE_DIR and the default. */
  readonly dir?: string
}

export function spectraCacheDir(options: CacheOptions = {}): string {
  return options.dir ?? process.env.INFOLENS_CACHE_DIR ?? join(homedir(), '.cache', 'infolens', 'spectra')
}

function entryId(key: SpectrumCacheKey): string {
  const canonical = JSON.stringify([key.fileSha256, key.tensor, [...key.shape], key.dtype])
  return createHash('sha256').update(canonical).digest('hex')
}

export async function getCachedSingularValues(key: SpectrumCacheKey, options: CacheOptions = {}): Promise<CachedSpectrum | undefined> {
  const base = join(spectraCacheDir(options), entryId(key))
  try {
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8'))
    if (meta.tensor !== key.tensor || meta.fileSha256 !== key.fileSha256 || meta.dtype !== key.dtype) return undefined
    const bytes = readFileSync(`${base}.f64`)
    if (bytes.byteLength !== meta.count * 8) return undefined
    const values = new Float64Array(meta.count)
    for (let i = 0; i < meta.count; i++) values[i] = bytes.readDoubleLE(i * 8)
    return {values, method: meta.method}
  } catch {
    return undefined
  }
}

export async function putCachedSingularValues(key: SpectrumCacheKey, values: Float64Array, method: SpectrumMethod, options: CacheOptions = {}): Promise<void> {
  const dir = spectraCacheDir(options)
  mkdirSync(dir, {recursive: true})
  const base = join(dir, entryId(key))
  const bytes = Buffer.alloc(values.length * 8)
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * 8)
  writeFileAtomic(`${base}.f64`, bytes)
  writeJsonAtomic(`${base}.json`, {...key, shape: [...key.shape], method, count: values.length, createdAt: new Date().toISOString()})
}
