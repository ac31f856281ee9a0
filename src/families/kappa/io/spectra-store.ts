/**
 * Where kappa keeps per-tensor singular values between runs. The spectra are
 * shared with `spectral` through its cache (src/core/cache/spectra-cache.ts); this
 * small interface keeps the kappa scan independent of how entries are stored.
 * Keys carry the view (how the tensor becomes matrices), so kappa's reshaped
 * N-D tensors never meet `spectral`'s conv2d slices.
 */
import type {CachedSpectrum, SpectrumCacheKey, SpectrumMethod} from '../../../core/cache/spectra-cache.js'

export type SpectrumKey = SpectrumCacheKey

export interface SpectraStore {
  /** The stored, verified singular values (all matrices of the view, concatenated) and how they were computed, or undefined. */
  get(key: SpectrumKey): Promise<CachedSpectrum | undefined>
  put(key: SpectrumKey, values: Float64Array, method: SpectrumMethod): Promise<void>
}

/** A store that never remembers (`--no-cache`). */
export const noStore: SpectraStore = {
  get: async () => undefined,
  put: async () => {},
}
