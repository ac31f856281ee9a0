/**
 * exactSum against Python's math.fsum (test/fixtures/special/fsum.json, from make-fsum.py): equal bit for bit
 * on random, wide-range and cancelling sums, and independent of the order of the terms.
 */
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {exactSum} from '../../../src/core/special/exact-sum.js'

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/special/fsum.json', import.meta.url), 'utf8')) as {
  cases: {values: string[]; fsum: string}[]
}

test('exactSum equals math.fsum bit for bit, in any order', () => {
  assert.ok(fixture.cases.length >= 40)
  for (const c of fixture.cases) {
    const values = c.values.map(Number)
    assert.equal(exactSum(values), Number(c.fsum), c.fsum)
    assert.equal(exactSum([...values].reverse()), Number(c.fsum))
  }
})

test('exactSum: the cases a naive loop gets wrong, empty input, non-finite terms', () => {
  assert.equal(exactSum([1e100, 1, -1e100]), 1)
  assert.equal(exactSum(Array(10).fill(0.1)), 1)
  assert.notEqual(
    Array(10)
      .fill(0.1)
      .reduce((a, b) => a + b, 0),
    1,
  )
  assert.equal(exactSum([]), 0)
  assert.equal(exactSum([1, Infinity]), Infinity)
  assert.ok(Number.isNaN(exactSum([Infinity, -Infinity])))
  assert.ok(Number.isNaN(exactSum([1, NaN])))
})
