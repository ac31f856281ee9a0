/**
 * One-dimensional Nelder–Mead simplex minimiser with scipy's `fmin` defaults (Nelder & Mead 1965;
 * scipy `_minimize_neldermead`: initial step 5 %, xatol = fatol = 1e-4, at most 200 iterations and
 * 200 evaluations, ρ=1, χ=2, ψ=½, σ=½). WeightWatcher's MP fit polishes its grid search with it
 * (`scipy.optimize.brute(finish=fmin)`), so it is reproduced step for step.
 */

export function nelderMead1d(f: (x: number) => number, x0: number): {x: number; fx: number} {
  const maxEval = 200
  const maxIter = 200
  let evals = 0
  const call = (x: number): number => {
    evals++
    return f(x)
  }
  let sim = [x0, x0 !== 0 ? 1.05 * x0 : 0.00025]
  let fsim = [call(sim[0]), call(sim[1])]
  const order = () => {
    if (fsim[1] < fsim[0]) {
      sim = [sim[1], sim[0]]
      fsim = [fsim[1], fsim[0]]
    }
  }
  order()
  let iterations = 1
  while (evals < maxEval && iterations < maxIter) {
    if (Math.abs(sim[1] - sim[0]) <= 1e-4 && Math.abs(fsim[0] - fsim[1]) <= 1e-4) break
    const xbar = sim[0]
    const xr = 2 * xbar - sim[1]
    const fxr = call(xr)
    if (fxr < fsim[0]) {
      const xe = 3 * xbar - 2 * sim[1]
      const fxe = call(xe)
      if (fxe < fxr) [sim[1], fsim[1]] = [xe, fxe]
      else [sim[1], fsim[1]] = [xr, fxr]
      // eslint-disable-next-line no-dupe-else-if -- SciPy's branch order kept; at N = 1 fsim[-2] is fsim[0], so it never fires
    } else if (fxr < fsim[0] /* N = 1: fsim[-2] is fsim[0] */) {
      ;[sim[1], fsim[1]] = [xr, fxr]
    } else {
      let shrink = false
      if (fxr < fsim[1]) {
        const xc = 1.5 * xbar - 0.5 * sim[1]
        const fxc = call(xc)
        if (fxc <= fxr) [sim[1], fsim[1]] = [xc, fxc]
        else shrink = true
      } else {
        const xcc = 0.5 * xbar + 0.5 * sim[1]
        const fxcc = call(xcc)
        if (fxcc < fsim[1]) [sim[1], fsim[1]] = [xcc, fxcc]
        else shrink = true
      }
      if (shrink) {
        sim[1] = sim[0] + 0.5 * (sim[1] - sim[0])
        fsim[1] = call(sim[1])
      }
    }
    iterations++
    order()
  }
  return {x: sim[0], fx: Math.min(fsim[0], fsim[1])}
}

/** Thrown by the evaluation budget, as scipy's `_MaxFuncCallError`. */
class EvaluationBudgetExceeded extends Error {}

/**
 * n-dimensional Nelder–Mead with scipy `fmin` defaults, step for step (`_minimize_neldermead`, adaptive=False):
 * initial simplex x0 plus x0 with one coordinate scaled by 1.05 (0.00025 when zero); xatol = fatol = 1e-4;
 * at most 200·n iterations and 200·n evaluations (a call past the budget aborts the current step, leaving the
 * simplex as it is); stable re-sorting after every step. powerlaw 1.5 fits its distributions with it.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
): {x: number[]; fx: number; evaluations: number} {
  const n = x0.length
  const maxFun = 200 * n
  const maxIter = 200 * n
  let calls = 0
  const call = (x: number[]): number => {
    if (calls >= maxFun) throw new EvaluationBudgetExceeded()
    calls++
    return f(x)
  }
  let sim: number[][] = [x0.slice()]
  for (let k = 0; k < n; k++) {
    const y = x0.slice()
    y[k] = y[k] !== 0 ? 1.05 * y[k] : 0.00025
    sim.push(y)
  }
  let fsim: number[] = new Array(n + 1).fill(Infinity)
  const sortSimplex = () => {
    // numpy argsort: ascending, NaN last, equal keys keep their order (insertion sort on tiny arrays)
    const key = (v: number) => (Number.isNaN(v) ? Infinity : v)
    const order = fsim
      .map((_, i) => i)
      .sort((a, b) => {
        const d = key(fsim[a]) - key(fsim[b])
        return d < 0
          ? -1
          : d > 0
            ? 1
            : Number.isNaN(fsim[a]) !== Number.isNaN(fsim[b])
              ? Number.isNaN(fsim[a])
                ? 1
                : -1
              : a - b
      })
    sim = order.map((i) => sim[i])
    fsim = order.map((i) => fsim[i])
  }
  try {
    for (let k = 0; k <= n; k++) fsim[k] = call(sim[k])
  } catch (error) {
    if (!(error instanceof EvaluationBudgetExceeded)) throw error
  }
  sortSimplex()
  const combine = (a: number, u: number[], b: number, v: number[]) => u.map((ui, i) => a * ui + b * v[i])
  let iterations = 1
  while (calls < maxFun && iterations < maxIter) {
    try {
      let xSpread = 0
      let fSpread = 0
      for (let j = 1; j <= n; j++) {
        for (let i = 0; i < n; i++) xSpread = Math.max(xSpread, Math.abs(sim[j][i] - sim[0][i]))
        fSpread = Math.max(fSpread, Math.abs(fsim[0] - fsim[j]))
      }
      if (xSpread <= 1e-4 && fSpread <= 1e-4) break
      const xbar = new Array<number>(n).fill(0)
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) xbar[i] += sim[j][i]
      for (let i = 0; i < n; i++) xbar[i] /= n
      const worst = sim[n]
      const xr = combine(2, xbar, -1, worst)
      const fxr = call(xr)
      let shrink = false
      if (fxr < fsim[0]) {
        const xe = combine(3, xbar, -2, worst)
        const fxe = call(xe)
        if (fxe < fxr) [sim[n], fsim[n]] = [xe, fxe]
        else [sim[n], fsim[n]] = [xr, fxr]
      } else if (fxr < fsim[n - 1]) {
        ;[sim[n], fsim[n]] = [xr, fxr]
      } else if (fxr < fsim[n]) {
        const xc = combine(1.5, xbar, -0.5, worst)
        const fxc = call(xc)
        if (fxc <= fxr) [sim[n], fsim[n]] = [xc, fxc]
        else shrink = true
      } else {
        const xcc = combine(0.5, xbar, 0.5, worst)
        const fxcc = call(xcc)
        if (fxcc < fsim[n]) [sim[n], fsim[n]] = [xcc, fxcc]
        else shrink = true
      }
      if (shrink) {
        for (let j = 1; j <= n; j++) {
          sim[j] = sim[j].map((v, i) => sim[0][i] + 0.5 * (v - sim[0][i]))
          fsim[j] = call(sim[j])
        }
      }
      iterations++
    } catch (error) {
      if (!(error instanceof EvaluationBudgetExceeded)) throw error
    }
    sortSimplex()
  }
  return {x: sim[0], fx: Math.min(...fsim), evaluations: calls}
}
