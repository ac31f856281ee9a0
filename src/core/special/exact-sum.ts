/**
 * The correctly rounded sum of doubles (Shewchuk 1997, "Adaptive precision floating-point arithmetic";
 * the algorithm of Python's `math.fsum`): the running sum is kept exactly as a list of non-overlapping
 * partials, and only the final result is rounded, once. The value therefore does not depend on the order
 * of the terms, which lets a SQL engine's rows (in its own scan order) and the in-process rows give the
 * same mean bit for bit. Non-finite terms give the IEEE sum of the terms (NaN, or the infinity).
 */
export function exactSum(values: ArrayLike<number>): number {
  const partials: number[] = []
  let special = 0
  for (let i = 0; i < values.length; i++) {
    let x = values[i]
    if (!Number.isFinite(x)) {
      special += x
      continue
    }
    let kept = 0
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j]
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
      const hi = x + y
      const lo = y - (hi - x)
      if (lo !== 0) partials[kept++] = lo
      x = hi
    }
    partials.length = kept
    partials.push(x)
  }
  return special !== 0 || Number.isNaN(special) ? special : roundPartials(partials)
}

/** Sums the partials from the largest down, with the half-way correction that makes the rounding exact. */
function roundPartials(partials: number[]): number {
  let n = partials.length
  if (n === 0) return 0
  let hi = partials[--n]
  let lo = 0
  while (n > 0) {
    const x = hi
    const y = partials[--n]
    hi = x + y
    lo = y - (hi - x)
    if (lo !== 0) break
  }
  // hi + lo is exact; when lo is exactly half an ulp of hi, the next partial decides the direction
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2
    const x = hi + y
    if (y === x - hi) hi = x
  }
  return hi
}
