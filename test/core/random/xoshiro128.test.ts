import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {createXoshiro128} from '../../../src/core/random/xoshiro128.js'

const ref = JSON.parse(readFileSync(new URL('../../fixtures/uq/reference.json', import.meta.url), 'utf8')).rng

test('xoshiro128** outputs match the independent Python implementation (test/fixtures/uq/reference.py)', () => {
  const rng = createXoshiro128(ref.seed, ref.stream)
  assert.deepEqual(
    Array.from({length: 5}, () => rng.nextUint32()),
    ref.u32,
  )
  assert.deepEqual(
    Array.from({length: 5}, () => rng.nextInt(10)),
    ref.ints10,
  )
})

test('streams and seeds give different sequences; the same seed repeats', () => {
  const a = createXoshiro128(1, 0).nextUint32()
  assert.equal(createXoshiro128(1, 0).nextUint32(), a)
  assert.notEqual(createXoshiro128(1, 1).nextUint32(), a)
  assert.notEqual(createXoshiro128(2, 0).nextUint32(), a)
})

test('nextInt is in range and roughly uniform (chi-square, 7 bins, 70k draws)', () => {
  const rng = createXoshiro128(9)
  const counts = new Array(7).fill(0)
  for (let i = 0; i < 70_000; i++) counts[rng.nextInt(7)]++
  const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0)
  assert.ok(chi2 < 22.46, `chi2 ${chi2} above the 0.999 quantile of chi2(6)`)
  const f = rng.nextFloat()
  assert.ok(f >= 0 && f < 1)
  assert.throws(() => rng.nextInt(0), RangeError)
})

/** xoshiro128** written out with BigInt words (an independent form of the algorithm, slow but plain). */
function referenceOutputs(seed: number, stream: number, count: number): number[] {
  const m32 = 0xffffffffn
  const m64 = (1n << 64n) - 1n
  const mix = (z: bigint): bigint => {
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & m64
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & m64
    return z ^ (z >> 31n)
  }
  const start = ((BigInt(seed) << 32n) + BigInt(stream)) & m64
  const a = mix((start + 0x9e3779b97f4a7c15n) & m64)
  const b = mix((start + 2n * 0x9e3779b97f4a7c15n) & m64)
  const s = [a & m32, a >> 32n, b & m32, b >> 32n]
  if (!s.some((w) => w !== 0n)) s[0] = 1n
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & m32
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1] * 5n) & m32, 7n) * 9n) & m32))
    const t = (s[1] << 9n) & m32
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = rotl(s[3], 11n)
  }
  return out
}

test('10,000 outputs of several seeds and streams equal a BigInt transcription of xoshiro128**', () => {
  for (const [seed, stream] of [
    [0, 0],
    [7, 3],
    [123456789, 1024 * 999 + 1],
    [2 ** 40 + 5, 2 ** 31],
  ]) {
    const rng = createXoshiro128(seed, stream)
    const got = Array.from({length: 10_000}, () => rng.nextUint32())
    assert.deepEqual(got, referenceOutputs(seed, stream, 10_000), `seed ${seed} stream ${stream}`)
  }
})
