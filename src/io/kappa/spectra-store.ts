/**
 * Where kappa keeps per-tensor singular values between runs. The spectra are
 * shared with `spectral` through its cache (src/io/spectra-cache.ts); this
 * small interface keeps the kappa scan independent of how entries are stored.
 */
export interface SpectrumKey {
  /** SHA-256 of the shard file holding the tensor. */
  readonly fileSha256: string
  readonly tensor: string
  readonly shape: readonly number[]
  readonly dtype: string
}

export interface SpectraStore {
  /** The stored singular values (all matrices of the tensor, concatenated), or undefined. */
  get(key: SpectrumKey): Promise<Float64Array | undefined>
  put(key: SpectrumKey, values: Float64Array): Promise<void>
}

/** A store that never remembers (`--no-cache`). */
export const noStore: SpectraStore = {
  get: async () => undefined,
  put: async () => {},
}
