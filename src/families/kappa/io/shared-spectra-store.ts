/**
 * The spectra store kappa uses: the on-disk cache shared with `spectral`
 * (src/core/cache/spectra-cache.ts), so running both commands on a model costs one set of
 * solves. Entries come back verified (size and SHA-256) with the method that
 * produced them; whether a Gram-eigenvalue entry is accurate enough for κ is the
 * scan's decision (src/core/linalg/gram-accuracy.ts).
 */
import {getCachedSingularValues, putCachedSingularValues, spectraCacheDir} from '../../../core/cache/spectra-cache.js'
import {noStore, type SpectraStore} from './spectra-store.js'

/** `dir` null: no cache (--no-cache); undefined: the default cache directory. */
export function openSpectraStore(dir: string | null | undefined): {store: SpectraStore; dir: string | null} {
  if (dir === null) return {store: noStore, dir: null}
  const options = {dir: spectraCacheDir(dir === undefined ? {} : {dir})}
  return {
    dir: options.dir,
    store: {
      get: (key) => getCachedSingularValues(key, options),
      async put(key, values, method) {
        try {
          await putCachedSingularValues(key, values, method, options)
        } catch {
          // an unwritable cache only costs the next run its solves
        }
      },
    },
  }
}
