/**
 * On-disk cache of per-tensor singular values, shared by `spectral` and `kappa`.
 *
 * API
 *   getCachedSingularValues(key, options?) → Promise<CachedSpectrum | undefined>
 *   putCachedSingularValues(key, values, method, options?) → Promise<void>
 *   spectraCacheDir(options?) → string
 * where key = {fileSha256, tensor, shape, dtype, view}: the SHA-256 of the shard file holding the tensor, its
 * name, shape and stored dtype, and the `view` that says how the tensor was turned into matrices (below).
 * values = float64 singular values σ of every matrix of the view, each matrix's DESCENDING, matrices
 * concatenated in view order; method records how they were obtained:
 *   'eigvalsh-gram' (σ = √λ from eig(WᵀW): relative error ≈ u·κ²·√max(m,n), so small σ of an ill-conditioned
 *   matrix are noise; see src/core/linalg/gram-accuracy.ts),
 *   'gram-lu' (square matrices: the Gram's σ with the small end re-solved from an LU factorization and proven
 *   within 1e-9 relative, src/core/linalg/small-singular-values.ts; accurate small values) or
 *   'svd' (σ from a singular-value decomposition; accurate small values).
 *
 * Views (a tensor has different spectra under different views, so the view is part of the key and the two
 * commands never read or overwrite each other's entries for a tensor they see differently):
 *   'matrix'         a 2-D tensor as stored (rows × cols). `spectral` and `kappa` share these entries.
 *   'conv2d-slices'  a 4-D conv kernel (Cout, Cin, kh, kw) as kh·kw slices Cout × Cin, slice (i, j) in row-major
 *                    order (WeightWatcher's pooling; `spectral`).
 *   'reshape-2d'     an N-D tensor (N ≥ 3) reshaped to (shape[0], prod(shape[1:])) (PEFT's view; `kappa`).
 *   'experts'        a fused 3-D MoE parameter (E, a, b) as E matrices a × b, expert order (`kappa`).
 *
 * Layout: directory `$INFOLENS_CACHE_DIR` or `~/.cache/infolens/spectra`; per entry `<id>.f64` (little-endian
 * float64) and `<id>.json` ({format: 2, key fields, method, count, byteLength, sha256 of the .f64 bytes,
 * createdAt}), id = sha256 of the canonical key. Both files are written atomically (temp + rename; no fsync: an
 * entry lost to a power cut is a miss, and a torn one fails its checksum), the
 * data file first, so a present `.json` always names its data. A read is verified before it is trusted: every
 * key field, the data size (count·8 = byteLength = file size, count at most the tensor's elements, checked
 * before reading), regular files only (never a symlink, device or FIFO), the SHA-256 of the data (streamed in
 * chunks), and finite, non-negative values. Anything else (missing, truncated, flipped bits, an older entry
 * format, unreadable JSON) reads as a miss, so the caller recomputes and its `put` replaces the entry.
 */
import {createHash} from 'node:crypto'
import {closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {writeFileAtomic} from '../io/atomic-write.js'

export type SpectrumView = 'matrix' | 'conv2d-slices' | 'reshape-2d' | 'experts'

export interface SpectrumCacheKey {
  readonly fileSha256: string
  readonly tensor: string
  readonly shape: readonly number[]
  readonly dtype: string
  readonly view: SpectrumView
}

export type SpectrumMethod = 'eigvalsh-gram' | 'gram-lu' | 'svd'

export interface CachedSpectrum {
  /** Singular values, each matrix's descending, matrices concatenated. */
  readonly values: Float64Array
  readonly method: SpectrumMethod
}

export interface CacheOptions {
  /** Overrides $INFOLENS_CACHE_DIR and the default. */
  readonly dir?: string
}

/** Version of the entry JSON; entries of another version are misses (v1 had no view and no checksum). */
const ENTRY_FORMAT = 2
const METHODS: readonly string[] = ['eigvalsh-gram', 'gram-lu', 'svd']

interface EntryMeta {
  format: number
  fileSha256: string
  tensor: string
  shape: number[]
  dtype: string
  view: string
  method: string
  count: number
  byteLength: number
  sha256: string
  createdAt: string
}

export function spectraCacheDir(options: CacheOptions = {}): string {
  return options.dir ?? process.env.INFOLENS_CACHE_DIR ?? join(homedir(), '.cache', 'infolens', 'spectra')
}

function entryId(key: SpectrumCacheKey): string {
  const canonical = JSON.stringify([key.fileSha256, key.tensor, [...key.shape], key.dtype, key.view])
  return createHash('sha256').update(canonical).digest('hex')
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The JSON describes exactly this key, in the current format. */
function describesKey(meta: EntryMeta, key: SpectrumCacheKey): boolean {
  return (
    meta.format === ENTRY_FORMAT &&
    meta.fileSha256 === key.fileSha256 &&
    meta.tensor === key.tensor &&
    meta.dtype === key.dtype &&
    meta.view === key.view &&
    Array.isArray(meta.shape) &&
    meta.shape.length === key.shape.length &&
    meta.shape.every((d, i) => d === key.shape[i]) &&
    METHODS.includes(meta.method) &&
    Number.isSafeInteger(meta.count) &&
    meta.count >= 0 &&
    meta.byteLength === meta.count * 8 &&
    typeof meta.sha256 === 'string'
  )
}

/** The verified entry for `key`, or undefined (a miss) when it is absent or fails any check. */
export async function getCachedSingularValues(
  key: SpectrumCacheKey,
  options: CacheOptions = {},
): Promise<CachedSpectrum | undefined> {
  const base = join(spectraCacheDir(options), entryId(key))
  try {
    const metaBytes = readRegularFile(`${base}.json`, (size) => size <= MAX_META_BYTES)
    if (!metaBytes) return undefined
    const meta = JSON.parse(metaBytes.toString('utf8')) as EntryMeta
    if (!describesKey(meta, key) || meta.count > elementsOf(key)) return undefined
    return readValues(`${base}.f64`, meta)
  } catch {
    return undefined
  }
}

/** Entry JSONs are a few hundred bytes; anything larger is not one of ours. */
const MAX_META_BYTES = 64 * 1024
/** The data is hashed and decoded in chunks, so a read never holds more than the values themselves. */
const CHUNK_BYTES = 1 << 20

/** A tensor has no more singular values than elements: an entry claiming more is not its entry. */
function elementsOf(key: SpectrumCacheKey): number {
  return key.shape.reduce((a, d) => a * d, 1)
}

/**
 * Opens `path` only if it is a regular file (lstat first: a symlink to /dev/zero or a FIFO would hang or
 * never end) whose size `sizeOk` accepts, checked again on the open descriptor; returns its bytes.
 */
function readRegularFile(path: string, sizeOk: (size: number) => boolean): Buffer | undefined {
  const fd = openRegular(path, sizeOk)
  if (fd === undefined) return undefined
  try {
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

function openRegular(path: string, sizeOk: (size: number) => boolean): number | undefined {
  const st = lstatSync(path)
  if (!st.isFile() || !sizeOk(st.size)) return undefined
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  const again = fstatSync(fd)
  if (again.isFile() && sizeOk(again.size)) return fd
  closeSync(fd)
  return undefined
}

/** Streams the data file through SHA-256 while decoding it; undefined on any mismatch. */
function readValues(path: string, meta: EntryMeta): CachedSpectrum | undefined {
  const fd = openRegular(path, (size) => size === meta.byteLength)
  if (fd === undefined) return undefined
  try {
    const values = new Float64Array(meta.count)
    const hash = createHash('sha256')
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(8, meta.byteLength)))
    let at = 0
    while (at < meta.byteLength) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, meta.byteLength - at), at)
      if (n <= 0 || n % 8 !== 0) return undefined // shrank under us, or a partial value: not trustworthy
      hash.update(chunk.subarray(0, n))
      for (let k = 0; k < n; k += 8) values[(at + k) / 8] = chunk.readDoubleLE(k)
      at += n
    }
    if (hash.digest('hex') !== meta.sha256) return undefined
    if (!values.every((v) => v >= 0 && v !== Infinity)) return undefined
    return {values, method: meta.method as SpectrumMethod}
  } finally {
    closeSync(fd)
  }
}

/** Stores (or replaces) the entry for `key`; throws when the directory cannot be written. */
export async function putCachedSingularValues(
  key: SpectrumCacheKey,
  values: Float64Array,
  method: SpectrumMethod,
  options: CacheOptions = {},
): Promise<void> {
  const dir = spectraCacheDir(options)
  mkdirSync(dir, {recursive: true})
  const base = join(dir, entryId(key))
  const bytes = Buffer.alloc(values.length * 8)
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * 8)
  // atomic but not fsync'ed: entries verify themselves (size + SHA-256) on read, so a lost write is only a miss
  writeFileAtomic(`${base}.f64`, bytes, {durable: false})
  const meta: EntryMeta = {
    format: ENTRY_FORMAT,
    fileSha256: key.fileSha256,
    tensor: key.tensor,
    shape: [...key.shape],
    dtype: key.dtype,
    view: key.view,
    method,
    count: values.length,
    byteLength: bytes.byteLength,
    sha256: sha256(bytes),
    createdAt: new Date().toISOString(),
  }
  writeFileAtomic(`${base}.json`, JSON.stringify(meta, null, 2) + '\n', {durable: false})
}
