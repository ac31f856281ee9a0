import {test} from 'node:test'
import assert from 'node:assert/strict'
import {ColumnProfiler, roundMantissa} from '../../../../src/families/credit/kernels/column-profile.js'
import {quantileEdges} from '../../../../src/families/credit/kernels/quantile-binning.js'

let seed = 4242
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32

/** numpy's default (type 7) quantile of raw data, computed directly. */
function type7(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo])
}

test('exact mode: per-value class counts equal a direct count (−0 = 0, specials by text and by number)', () => {
  const p = new ColumnProfiler('x', {categorical: false, special: ['-999']})
  const direct = new Map<number, [number, number]>()
  let special = 0
  for (let i = 0; i < 20_000; i++) {
    const bad = rand() < 0.3 ? 1 : 0
    const r = rand()
    const cell =
      r < 0.02 ? '-999.0' : r < 0.04 ? ' -999' : r < 0.05 ? '-0' : String(Math.round((rand() - 0.5) * 400) / 8)
    p.add(cell, bad)
    const x = Number(cell)
    if (x === -999) special++
    else {
      const key = x === 0 ? 0 : x
      const c = direct.get(key) ?? [0, 0]
      c[bad]++
      direct.set(key, c)
    }
  }
  const profile = p.finish()
  const keys = [...direct.keys()].sort((a, b) => a - b)
  assert.equal(profile.type, 'numeric')
  assert.equal(profile.precisionBits, null)
  assert.deepEqual(profile.values, keys)
  assert.deepEqual(
    [...profile.goods],
    keys.map((k) => direct.get(k)![0]),
  )
  assert.deepEqual(
    [...profile.bads],
    keys.map((k) => direct.get(k)![1]),
  )
  const s = profile.special.get('-999')!
  assert.equal(s[0] + s[1], special)
})

test('beyond --max-distinct the values are rounded to b bits: counts kept, quantile edges within 2^(1−b) relative', () => {
  const maxDistinct = 256
  const p = new ColumnProfiler('x', {categorical: false, special: [], maxDistinct})
  const raw: number[] = []
  for (let i = 0; i < 30_000; i++) {
    const x = Math.exp(rand() * 4.6) // 1 … 100, continuous
    raw.push(x)
    p.add(String(x), 0)
  }
  const profile = p.finish()
  const bits = profile.precisionBits
  assert.ok(bits !== null && bits <= 24, String(bits))
  assert.ok(profile.values.length <= maxDistinct)
  assert.equal(
    profile.goods.reduce((a, b) => a + b, 0),
    raw.length,
  )
  const values = profile.values as number[]
  values.forEach((v, i) => {
    assert.equal(roundMantissa(v, bits), v, 'kept values have b significant bits')
    if (i > 0) assert.ok(v > values[i - 1])
  })
  raw.sort((a, b) => a - b)
  const edges = quantileEdges(values, profile.goods, 10)
  assert.equal(edges.length, 9)
  edges.forEach((e, j) => {
    const exact = type7(raw, (j + 1) / 10)
    assert.ok(Math.abs(e - exact) <= 2 ** (1 - bits) * exact, `edge ${j}: ${e} vs ${exact} (b = ${bits})`)
  })
})
