/**
 * Natural logarithm rounded correctly to the nearest double. V8's `Math.log` (an fdlibm port)
 * is faithful but not correctly rounded: about 3 % of NumPy's polar Box–Muller draws would
 * differ by one ulp from NumPy, whose C library `log` (glibc) is correctly rounded. To keep the
 * normal stream bit-identical we evaluate log x = e·ln 2 + 2·atanh((m−1)/(m+1)), m ∈ [√½, √2),
 * in double-double arithmetic (Dekker 1971; Shewchuk 1997) for the terms that affect rounding,
 * and round the double-double sum once.
 *
 * That evaluation costs ~180 ns, so calls first take Ziv's fast path (Ziv 1991; Muller et al.,
 * "Handbook of Floating-Point Arithmetic", §12.4): a table-driven log (Tang 1990) with an error
 * bound of ~2^-58 relative; when both ends of [value − bound, value + bound] round to the same
 * double, that double is the correctly rounded log (rounding is monotone). Otherwise (about one
 * call in 30,000) the slow evaluation decides. Same results, bit for bit.
 */

// ln 2 as a double-double.
const LN2_HI = 0.6931471805599453
const LN2_LO = 2.3190468138462996e-17
const SPLITTER = 134217729 // 2^27 + 1

// Results of the double-double helpers (a typed array: module-level number variables would box every write).
const T = new Float64Array(2)

/** Exact a + b as (T[0], T[1]). */
function twoSum(a: number, b: number): void {
  const s = a + b
  const bb = s - a
  T[1] = a - (s - bb) + (b - bb)
  T[0] = s
}

/** Exact a·b as (T[0], T[1]) (Dekker's product with Veltkamp splitting). */
function twoProd(a: number, b: number): void {
  const p = a * b
  let t = SPLITTER * a
  const ah = t - (t - a)
  const al = a - ah
  t = SPLITTER * b
  const bh = t - (t - b)
  const bl = b - bh
  T[1] = ah * bh - p + ah * bl + al * bh + al * bl
  T[0] = p
}

/** (ah, al)·(bh, bl) → (T[0], T[1]), normalised. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh)
  const lo = T[1] + (ah * bl + al * bh)
  twoSum(T[0], lo)
}

/** (ah, al) + (bh, bl) → (T[0], T[1]), normalised. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh)
  const lo = T[1] + al + bl
  twoSum(T[0], lo)
}

// 1/(2k+1) for k = 0..3 as double-doubles (reciprocals of small odd integers).
const INV_ODD: [number, number][] = [1, 3, 5, 7].map((d) => {
  const h = 1 / d
  twoProd(h, d)
  const residual = 1 - T[0] - T[1] // exact: 1 − h·d
  return [h, residual / d]
})

const TAIL = Float64Array.from({length: 10}, (_, i) => 1 / (2 * (i + 4) + 1)) // k = 4..13 (z^14 < 2^-71)
const INV_HI = Float64Array.from(INV_ODD, (v) => v[0])
const INV_LO = Float64Array.from(INV_ODD, (v) => v[1])
const bits = new Float64Array(1)
const words = new Uint32Array(bits.buffer) // little-endian: words[1] holds sign, exponent, high mantissa

/** log(x) for finite x > 0, correctly rounded (up to double-double evaluation error ~2^-100). */
export function correctlyRoundedLog(x: number): number {
  if (!(x >= 2.2250738585072014e-308) || x === Infinity) {
    if (x > 0 && x < 2.2250738585072014e-308) return slowCorrectlyRoundedLog(x * 18014398509481984, -54) // 2^54
    return Math.log(x)
  }
  const fast = fastLogOrNaN(x)
  return fast === fast ? fast : slowCorrectlyRoundedLog(x, 0)
}

/** The double-double evaluation alone, rounded once (exported for tests of the fast path). */
export function slowCorrectlyRoundedLog(x: number, e0 = 0): number {
  ddLog(x, e0)
  return T[0] + T[1]
}

// Tang's table: c_j = j/256 for m·256 rounded to j ∈ [181, 362] (m ∈ [√½, √2)), log c_j as double-doubles.
const TABLE_FIRST = 181
const TABLE_LAST = 362
const LOG_C_HI = new Float64Array(TABLE_LAST - TABLE_FIRST + 1)
const LOG_C_LO = new Float64Array(TABLE_LAST - TABLE_FIRST + 1)
const TWO_M58 = 2 ** -58
const TWO_M93 = 2 ** -93
const TWO_M50 = 2 ** -50

/**
 * log x for a normal x > 0 when its rounding is certain, NaN otherwise. log x = e·ln 2 + log c_j
 * + log1p(t), t = (m − c_j)/c_j with |t| <= 1/362: m − c_j is exact (Sterbenz), t is carried
 * as a double-double (the residual m − c_j − t·c_j is exact through Dekker's product, c_j having
 * 9 bits), log1p(t) − t is a degree-8 polynomial in double (truncation < 2^-70·|t|, rounding
 * < 2^-59·|t|). Error bound: 2^-58·|t| for the polynomial, 2^-93·(|e| + 1) for the double-double
 * sums and constants.
 */
function fastLogOrNaN(x: number): number {
  bits[0] = x
  let e = ((words[1] >>> 20) & 0x7ff) - 1023
  words[1] = (words[1] & 0x800fffff) | 0x3ff00000
  let m = bits[0]
  if (m > Math.SQRT2) {
    m *= 0.5
    e++
  }
  const j = Math.round(m * 256)
  const c = j / 256
  const f = m - c
  const t = f / c
  twoProd(t, c)
  const tl = (f - T[0] - T[1]) / c
  const q = t * t * (-0.5 + t * (1 / 3 + t * (-0.25 + t * (0.2 + t * (-1 / 6 + t * (1 / 7 + t * -0.125))))))
  twoProd(e, LN2_HI)
  const eh = T[0],
    el = T[1] + e * LN2_LO
  ddAdd(eh, el, LOG_C_HI[j - TABLE_FIRST], LOG_C_LO[j - TABLE_FIRST])
  ddAdd(T[0], T[1], t, tl + q)
  const hi = T[0],
    lo = T[1]
  const err = Math.abs(t) * TWO_M58 + (Math.abs(e) + 1) * TWO_M93 + Math.abs(lo) * TWO_M50
  const down = hi + (lo - err)
  return down === hi + (lo + err) ? down : NaN
}

/** log(x·2^e0) for a normal x as a double-double in (T[0], T[1]) (error ~2^-100 relative). */
function ddLog(x: number, e0: number): void {
  // x = m·2^e with m in [1, 2): read the exponent bits, then set them to 1023.
  bits[0] = x
  let e = ((words[1] >>> 20) & 0x7ff) - 1023 + e0
  words[1] = (words[1] & 0x800fffff) | 0x3ff00000
  let m = bits[0]
  if (m > Math.SQRT2) {
    m *= 0.5
    e++
  }
  // s = (m − 1)/(m + 1) as a double-double; m − 1 is exact (Sterbenz).
  const num = m - 1
  twoSum(m, 1)
  const denH = T[0],
    denL = T[1]
  const sh = num / denH
  twoProd(sh, denH)
  const sl = (num - T[0] - T[1] - sh * denL) / denH
  ddMul(sh, sl, sh, sl)
  const zh = T[0],
    zl = T[1]
  // Tail Σ_{k>=4} z^(k−4)/(2k+1) in plain double: its rounding error is < 2^-70 of the result.
  let tail = 0
  for (let k = 9; k >= 0; k--) tail = tail * zh + TAIL[k]
  // Head: Horner in double-double for k = 3..0.
  let ph = tail,
    pl = 0
  for (let k = 3; k >= 0; k--) {
    ddMul(ph, pl, zh, zl)
    ddAdd(T[0], T[1], INV_HI[k], INV_LO[k])
    ph = T[0]
    pl = T[1]
  }
  ddMul(ph, pl, sh, sl) // atanh(s)
  const ah = 2 * T[0],
    al = 2 * T[1]
  if (e === 0) {
    T[0] = ah
    T[1] = al
    return
  }
  twoProd(e, LN2_HI)
  const eh = T[0],
    el = T[1] + e * LN2_LO
  ddAdd(eh, el, ah, al)
}

for (let j = TABLE_FIRST; j <= TABLE_LAST; j++) {
  ddLog(j / 256, 0)
  LOG_C_HI[j - TABLE_FIRST] = T[0]
  LOG_C_LO[j - TABLE_FIRST] = T[1]
}
