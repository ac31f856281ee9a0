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
