/**
 * Dequantization of ggml's k-quants: super-blocks of 256 weights split into sub-blocks
 * of 16 or 32, each with its own small integer scale (and for Q2_K/Q4_K/Q5_K a min),
 * the scales themselves scaled by float16 `d` (and `dmin`). Layouts (ggml-common.h):
 *
 * | type | bytes | layout                                        | value                  |
 * |------|-------|-----------------------------------------------|------------------------|
 * | Q2_K | 84    | scales[16], qs[64], d, dmin                   | d·sc·q − dmin·m (q 2b) |
 * | Q3_K | 110   | hmask[32], qs[64], scales[12], d              | d·(sc − 32)·q (q 3b)   |
 * | Q4_K | 144   | d, dmin, scales[12], qs[128]                  | d·sc·q − dmin·m (q 4b) |
 * | Q5_K | 176   | d, dmin, scales[12], qh[32], qs[128]          | d·sc·q − dmin·m (q 5b) |
 * | Q6_K | 210   | ql[128], qh[64], scales[16] (int8), d         | d·sc·(q − 32) (q 6b)   |
 * | Q8_K | 292   | d (float32), qs[256] (int8), bsums[16]        | d·q                    |
 *
 * One file because the six share the super-block walk and Q4_K/Q5_K share the 6-bit
 * scale packing. As in legacy-blocks.ts, every intermediate product is exact in float64
 * and the Float32Array store rounds once, which is what ggml's float32 code computes.
 */
import {float16Table} from '../../safetensors/dtypes.js'

const QK_K = 256

function half(table: Float32Array, src: Uint8Array, at: number): number {
  return table[src[at] | (src[at + 1] << 8)]
}

export function dequantizeQ2_K(src: Uint8Array, out: Float32Array): void {
  const f16 = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 84, o += QK_K) {
    const d = half(f16, src, s + 80)
    const dmin = half(f16, src, s + 82)
    // two halves of 128 weights; each reads 32 bytes of qs four times, 2 bits at a time
    for (let h = 0; h < 2; h++) {
      const qs = s + 16 + 32 * h
      for (let j = 0; j < 4; j++) {
        const shift = 2 * j
        for (let part = 0; part < 2; part++) {
          const sc = src[s + 8 * h + 2 * j + part]
          const dl = d * (sc & 0x0f)
          const ml = dmin * (sc >> 4)
          const at = o + 128 * h + 32 * j + 16 * part
          for (let l = 0; l < 16; l++) out[at + l] = dl * ((src[qs + 16 * part + l] >> shift) & 3) - ml
        }
      }
    }
  }
}

/** The 16 six-bit Q3_K scales (minus 32): low 4 bits from bytes 0–7, high 2 bits from bytes 8–11. */
function q3Scales(src: Uint8Array, at: number, scales: Int8Array): void {
  for (let k = 0; k < 16; k++) {
    const low = k < 8 ? src[at + k] & 0x0f : src[at + k - 8] >> 4
    const high = (src[at + 8 + (k & 3)] >> (2 * (k >> 2))) & 3
    scales[k] = (low | (high << 4)) - 32
  }
}

export function dequantizeQ3_K(src: Uint8Array, out: Float32Array): void {
  const f16 = float16Table()
  const scales = new Int8Array(16)
  for (let s = 0, o = 0; o < out.length; s += 110, o += QK_K) {
    const d = half(f16, src, s + 108)
    q3Scales(src, s + 96, scales)
    // bit m of hmask[l] is the high bit of weight 32·m + l (cleared means "subtract 4")
    for (let h = 0; h < 2; h++) {
      const qs = s + 32 + 32 * h
      for (let j = 0; j < 4; j++) {
        const shift = 2 * j
        const bit = 4 * h + j
        for (let part = 0; part < 2; part++) {
          const dl = d * scales[8 * h + 2 * j + part]
          const at = o + 128 * h + 32 * j + 16 * part
          const qi = qs + 16 * part
          const hi = s + 16 * part
          for (let l = 0; l < 16; l++) {
            // a cleared hmask bit subtracts 4
            const q = ((src[qi + l] >> shift) & 3) - (((~src[hi + l] >> bit) & 1) << 2)
            out[at + l] = dl * q
          }
        }
      }
    }
  }
}

/**
 * Q4_K/Q5_K sub-block j's 6-bit scale and min (ggml `get_scale_min_k4`): for j < 4 the
 * low 6 bits of bytes j and j+4; for j ≥ 4 a nibble of byte j+4 plus the top 2 bits of
 * bytes j−4 (scale) and j (min).
 */
function k4Scales(src: Uint8Array, at: number, sc: Uint8Array, mn: Uint8Array): void {
  for (let j = 0; j < 8; j++) {
    if (j < 4) {
      sc[j] = src[at + j] & 63
      mn[j] = src[at + j + 4] & 63
    } else {
      sc[j] = (src[at + j + 4] & 0x0f) | ((src[at + j - 4] >> 6) << 4)
      mn[j] = (src[at + j + 4] >> 4) | ((src[at + j] >> 6) << 4)
    }
  }
}

export function dequantizeQ4_K(src: Uint8Array, out: Float32Array): void {
  const f16 = float16Table()
  const sc = new Uint8Array(8)
  const mn = new Uint8Array(8)
  for (let s = 0, o = 0; o < out.length; s += 144, o += QK_K) {
    const d = half(f16, src, s)
    const dmin = half(f16, src, s + 2)
    k4Scales(src, s + 4, sc, mn)
    // 64 weights per step: 32 low nibbles (sub-block 2k) then 32 high nibbles (2k+1)
    for (let k = 0; k < 4; k++) {
      const qs = s + 16 + 32 * k
      const d1 = d * sc[2 * k]
      const m1 = dmin * mn[2 * k]
      const d2 = d * sc[2 * k + 1]
      const m2 = dmin * mn[2 * k + 1]
      const at = o + 64 * k
      for (let l = 0; l < 32; l++) {
        const q = src[qs + l]
        out[at + l] = d1 * (q & 0x0f) - m1
        out[at + 32 + l] = d2 * (q >> 4) - m2
      }
    }
  }
}

export function dequantizeQ5_K(src: Uint8Array, out: Float32Array): void {
  const f16 = float16Table()
  const sc = new Uint8Array(8)
  const mn = new Uint8Array(8)
  for (let s = 0, o = 0; o < out.length; s += 176, o += QK_K) {
    const d = half(f16, src, s)
    const dmin = half(f16, src, s + 2)
    k4Scales(src, s + 4, sc, mn)
    const qh = s + 16
    // as Q4_K, with the fifth bit of weight 32·i + l in bit i of qh[l]
    for (let k = 0; k < 4; k++) {
      const qs = s + 48 + 32 * k
      const d1 = d * sc[2 * k]
      const m1 = dmin * mn[2 * k]
      const d2 = d * sc[2 * k + 1]
      const m2 = dmin * mn[2 * k + 1]
      const at = o + 64 * k
      for (let l = 0; l < 32; l++) {
        const q = src[qs + l]
        const h = src[qh + l]
        out[at + l] = d1 * ((q & 0x0f) | (((h >> (2 * k)) & 1) << 4)) - m1
        out[at + 32 + l] = d2 * ((q >> 4) | (((h >> (2 * k + 1)) & 1) << 4)) - m2
      }
    }
  }
}

export function dequantizeQ6_K(src: Uint8Array, out: Float32Array): void {
  const f16 = float16Table()
  for (let s = 0, o = 0; o < out.length; s += 210, o += QK_K) {
    const d = half(f16, src, s + 208)
    // two halves of 128: ql 64 bytes (low nibbles then high nibbles), qh 32 bytes (2 bits × 4)
    for (let h = 0; h < 2; h++) {
      const ql = s + 64 * h
      const qh = s + 128 + 32 * h
      const sc = s + 192 + 8 * h
      const at = o + 128 * h
      for (let l = 0; l < 32; l++) {
        const is = l >> 4
        const hb = src[qh + l]
        const q1 = ((src[ql + l] & 0x0f) | ((hb & 3) << 4)) - 32
        const q2 = ((src[ql + l + 32] & 0x0f) | (((hb >> 2) & 3) << 4)) - 32
        const q3 = ((src[ql + l] >> 4) | (((hb >> 4) & 3) << 4)) - 32
        const q4 = ((src[ql + l + 32] >> 4) | (((hb >> 6) & 3) << 4)) - 32
        out[at + l] = d * ((src[sc + is] << 24) >> 24) * q1
        out[at + l + 32] = d * ((src[sc + is + 2] << 24) >> 24) * q2
        out[at + l + 64] = d * ((src[sc + is + 4] << 24) >> 24) * q3
        out[at + l + 96] = d * ((src[sc + is + 6] << 24) >> 24) * q4
      }
    }
  }
}

export function dequantizeQ8_K(src: Uint8Array, out: Float32Array): void {
  // d is a float32 here; src blocks are 292 bytes, so d is not 4-aligned: assemble its bits
  const bits = new Uint32Array(1)
  const asFloat = new Float32Array(bits.buffer)
  for (let s = 0, o = 0; o < out.length; s += 292, o += QK_K) {
    bits[0] = src[s] | (src[s + 1] << 8) | (src[s + 2] << 16) | (src[s + 3] << 24)
    const d = asFloat[0]
    for (let j = 0; j < QK_K; j++) out[o + j] = d * ((src[s + 4 + j] << 24) >> 24)
  }
}
