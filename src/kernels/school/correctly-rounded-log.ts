/**
 * Natural logarithm rounded correctly to the nearest double. V8's `Math.log` (an fdlibm port)
 * is faithful but not correctly rounded: about 3 % of NumPy's polar Box–Muller draws would
 * differ by one ulp from NumPy, whose C library `log` (glibc) is correctly rounded. To keep the
 * normal stream bit-identical we evaluate log x = e·ln 2 + 2·atanh((m−1)/(m+1)), m ∈ [√½, √2),
 * in double-double arithmetic (Dekker 1971; Shewchuk 1997) for the terms that affect rounding,
 * and round the double-double sum once.
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
    if (x > 0 && x < 2.2250738585072014e-308) return correctlyRoundedLogNormal(x * 18014398509481984, -54) // 2^54
    return Math.log(x)
  }
  return correctlyRoundedLogNormal(x, 0)
}

function correctlyRoundedLogNormal(x: number, e0: number): number {
  // x = m·2^e with m in [1, 2): read the exponent bits, then set them to 1023.
  bits[0] = x
  let e = ((words[1] >>> 20) & 0x7ff) - 1023 + e0
  words[1] = (words[1] & 0x800fffff) | 0x3ff00000
  let m = bits[0]
  if (m > Math.SQRT2) { m *= 0.5; e++ }
  // s = (m − 1)/(m + 1) as a double-double; m − 1 is exact (Sterbenz).
  const num = m - 1
  twoSum(m, 1)
  const denH = T[0], denL = T[1]
  const sh = num / denH
  twoProd(sh, denH)
  const sl = (num - T[0] - T[1] - sh * denL) / denH
  ddMul(sh, sl, sh, sl)
  const zh = T[0], zl = T[1]
  // Tail Σ_{k>=4} z^(k−4)/(2k+1) in plain double: its rounding error is < 2^-70 of the result.
  let tail = 0
  for (let k = 9; k >= 0; k--) tail = tail * zh + TAIL[k]
  // Head: Horner in double-double for k = 3..0.
  let ph = tail, pl = 0
  for (let k = 3; k >= 0; k--) {
    ddMul(ph, pl, zh, zl)
    ddAdd(T[0], T[1], INV_HI[k], INV_LO[k])
    ph = T[0]; pl = T[1]
  }
  ddMul(ph, pl, sh, sl) // atanh(s)
  const ah = 2 * T[0], al = 2 * T[1]
  if (e === 0) return ah + al
  twoProd(e, LN2_HI)
  const eh = T[0], el = T[1] + e * LN2_LO
  ddAdd(eh, el, ah, al)
  return T[0] + T[1]
}
