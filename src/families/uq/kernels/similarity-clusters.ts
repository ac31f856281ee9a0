/**
 * Embedding approximations of NLI clustering (labelled approximate; spec §2.7): responses are
 * linked when their similarity is ≥ τ, clusters are the connected components (union–find).
 * NumSets = number of clusters (lm-polygraph `NumSemSets` uses bidirectional NLI instead);
 * the cluster-assignment entropy −Σ_c (n_c/m) ln(n_c/m) approximates black-box Semantic Entropy
 * (Farquhar et al., Nature 2024).
 */
export interface SimilarityClusters {
  readonly count: number
  readonly sizes: readonly number[]
  readonly entropyNats: number
}

export function clusterBySimilarity(w: Float64Array, m: number, threshold: number): SimilarityClusters {
  const parent = Int32Array.from({length: m}, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]]
      i = parent[i]
    }
    return i
  }
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      if (w[i * m + j] >= threshold) {
        const a = find(i)
        const b = find(j)
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
      }
    }
  }
  const size = new Map<number, number>()
  for (let i = 0; i < m; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1)
  const sizes = [...size.values()]
  let h = 0
  for (const c of sizes) h -= (c / m) * Math.log(c / m)
  return {count: sizes.length, sizes, entropyNats: h}
}
