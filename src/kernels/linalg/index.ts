/**
 * PLACEHOLDER until the engine issue lands: simple, correct, slow float64 kernels
 * (cyclic Jacobi). The engine issue replaces them with LAPACK and a fast TS fallback
 * behind the same signatures.
 */

/** The smaller Gram matrix of row-major A (rows x cols): AᵀA if cols <= rows, else AAᵀ. Returns {g, n}. */
export function gram(a: Float64Array | Float32Array, rows: number, cols: number): {g: Float64Array; n: number} {
  const n = Math.min(rows, cols)
  const g = new Float64Array(n * n)
  if (cols <= rows) {
    for (let r = 0; r < rows; r++) {
      const off = r * cols
      for (let i = 0; i < n; i++) {
        const ai = a[off + i]
        if (ai === 0) continue
        for (let j = i; j < n; j++) g[i * n + j] += ai * a[off + j]
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0
        for (let k = 0; k < cols; k++) s += a[i * cols + k] * a[j * cols + k]
        g[i * n + j] = s
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) g[i * n + j] = g[j * n + i]
  return {g, n}
}

/** All eigenvalues of a symmetric n x n matrix, ascending. */
export function eigvalsh(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a)
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2
    if (off < 1e-30) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]
        if (Math.abs(apq) < 1e-300) continue
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]
          const akq = m[k * n + q]
          m[k * n + p] = c * akp - s * akq
          m[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]
          const aqk = m[q * n + k]
          m[p * n + k] = c * apk - s * aqk
          m[q * n + k] = s * apk + c * aqk
        }
      }
    }
  }
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) w[i] = m[i * n + i]
  return w.sort()
}

/** All singular values of row-major A (rows x cols), descending. */
export function svdvals(a: Float64Array | Float32Array, rows: number, cols: number): Float64Array {
  const {g, n} = gram(a, rows, cols)
  const w = eigvalsh(g, n)
  const s = new Float64Array(n)
  for (let i = 0; i < n; i++) s[i] = Math.sqrt(Math.max(0, w[n - 1 - i]))
  return s
}

export interface LinalgStatus {
  readonly active: 'lapack' | 'typescript'
  readonly native: {readonly loaded: boolean; readonly detail: string}
}

export function linalgStatus(): LinalgStatus {
  return {active: 'typescript', native: {loaded: false, detail: 'placeholder'}}
}
