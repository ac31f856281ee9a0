/**
 * The spectra store kappa uses: `spectral`'s shared on-disk cache
 * (src/io/spectra-cache.ts), so running both commands on a model costs one set of
 * solves. kappa needs an accurate σ_min, so only entries computed by an SVD are
 * used; Gram-eigenvalue entries ('eigvalsh-gram': σ below ~1e-8·σ_max is noise) are
 * recomputed and replaced by SVD values, which serve `spectral` as well.
 */
import {getCachedSingularValues, putCachedSingularValues, spectraCacheDir} from '../spectra-cache.js'
import {noStore, type SpectraStore} from './spectra-store.js'

/** `dir` null: no cache (--no-cache); undefined: the default cache directory. */
export function openSpectraStore(dir: string | null | undefined): {store: SpectraStore; dir: string | null} {
  if (dir === null) return {store: noStore, dir: null}
  const options = {dir: spectraCacheDir(dir === undefined ? {} : {dir})}
  return {
    dir: options.dir,
    store: {
      async get(key) {
        const hit = await getCachedSingularValues(key, options)
        return hit?.method === 'svd' ? hit.values : undefined
      },
      async put(key, values) {
        try {
          await putCachedSingularValues(key, values, 'svd', options)
        } catch {
          // an unwritable cache only costs the next run its solves
        }
      },
    },
  }
}
