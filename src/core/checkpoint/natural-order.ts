/**
 * Natural ("human") name order: runs of digits compare as numbers, so
 * `model.layers.2.mlp` sorts before `model.layers.10.mlp`. Checkpoints list tensors
 * in this order whatever their shard layout, so reports read layer by layer.
 */

/** Splits a name into alternating non-digit and digit runs. */
function chunks(name: string): string[] {
  return name.match(/\d+|\D+/g) ?? []
}

/** Compares two digit runs by numeric value (any length, no precision loss). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '')
  const y = b.replace(/^0+(?=\d)/, '')
  if (x.length !== y.length) return x.length - y.length
  return x < y ? -1 : x > y ? 1 : 0
}

/** Comparator for Array.prototype.sort: natural order, ties broken by plain code-unit order. */
export function compareNatural(a: string, b: string): number {
  const ca = chunks(a)
  const cb = chunks(b)
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const p = ca[i]
    const q = cb[i]
    if (p === q) continue
    const digits = /^\d/.test(p) && /^\d/.test(q)
    const c = digits ? compareDigits(p, q) : p < q ? -1 : 1
    if (c !== 0) return c
  }
  if (ca.length !== cb.length) return ca.length - cb.length
  return a < b ? -1 : a > b ? 1 : 0
}
