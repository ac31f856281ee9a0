// Merging the profiles of a column's consecutive parts (src/families/credit/kernels/merge-profiles.ts) must give
// exactly the profile one ColumnProfiler builds over all the cells, or say it cannot (undefined). Random cell
// sequences mix numbers in several text forms, text, missing tokens, special values and integers beyond 2^53, cut
// into 1..6 parts at random; the merge must be defined whenever the parts cannot disagree (every part numeric and
// small, or a categorical column), so the test is not vacuous.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {ColumnProfiler, type ProfileOptions} from '../../../../src/families/credit/kernels/column-profile.js'
import {mergeColumnProfiles, swapClasses} from '../../../../src/families/credit/kernels/merge-profiles.js'

const NUMBERS = ['1', '1.0', '1.50', '1.5', '-0', '0', '2e1', '20', ' 3 ', '-999', '-999.0', '7.25', '1e-3']
const OTHER = ['', 'NA', 'null', 'abc', 'x y', '12345678901234567890123', 'caf\u00e9']

function rng(seed: number): () => number {
  let s = seed
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

function profileOf(cells: readonly [string, number][], options: ProfileOptions): ColumnProfiler {
  const p = new ColumnProfiler('c', options)
  for (const [cell, bad] of cells) p.add(cell, bad)
  return p
}

/** Cuts the cells into parts, merges the parts' profiles; returns whether the merge was defined. */
function check(
  cells: [string, number][],
  cuts: number[],
  options: ProfileOptions,
  limits = {maxDistinct: 2 ** 18, maxLevels: 10_000},
): boolean {
  const bounds = [0, ...cuts.sort((a, b) => a - b), cells.length]
  const parts = bounds.slice(1).map((end, i) => {
    const p = profileOf(cells.slice(bounds[i], end), {...options, ...limits})
    return {profile: p.finish(), history: p.history()}
  })
  const merged = mergeColumnProfiles(parts, limits)
  if (merged) assert.deepStrictEqual(merged, profileOf(cells, {...options, ...limits}).finish(), JSON.stringify(cuts))
  return merged !== undefined
}

test('numbers only: the merge is always defined and exact', () => {
  const rand = rng(1)
  for (let trial = 0; trial < 300; trial++) {
    const cells = Array.from({length: 40}, (): [string, number] => [
      NUMBERS[Math.floor(rand() * NUMBERS.length)],
      rand() < 0.3 ? 1 : 0,
    ])
    const cuts = Array.from({length: Math.floor(rand() * 6)}, () => Math.floor(rand() * 40))
    assert.ok(check(cells, cuts, {categorical: false, special: ['-999']}))
  }
})

test('mixed cells: exact whenever defined, defined in most cuts', () => {
  const rand = rng(2)
  let defined = 0
  const trials = 2000
  for (let trial = 0; trial < trials; trial++) {
    const textShare = rand() * 0.2
    const cells = Array.from({length: 30}, (): [string, number] => [
      rand() < textShare ? OTHER[Math.floor(rand() * OTHER.length)] : NUMBERS[Math.floor(rand() * NUMBERS.length)],
      rand() < 0.4 ? 1 : 0,
    ])
    const cuts = Array.from({length: Math.floor(rand() * 6)}, () => Math.floor(rand() * 30))
    if (check(cells, cuts, {categorical: false, special: rand() < 0.5 ? ['-999'] : []})) defined++
  }
  assert.ok(defined > trials / 4, `defined ${defined} of ${trials}`)
})

test('a categorical column merges exactly at any cut; the level cap is decided by the union', () => {
  const rand = rng(3)
  for (let trial = 0; trial < 300; trial++) {
    const cells = Array.from({length: 40}, (): [string, number] => [
      [...NUMBERS, ...OTHER][Math.floor(rand() * 20)],
      rand() < 0.5 ? 1 : 0,
    ])
    const cuts = Array.from({length: Math.floor(rand() * 6)}, () => Math.floor(rand() * 40))
    assert.ok(check(cells, cuts, {categorical: true, special: []}, {maxDistinct: 2 ** 18, maxLevels: 12}))
  }
})

test('coarsening is order-dependent: a coarsened part makes the merge undefined', () => {
  const cells = Array.from({length: 100}, (_, i): [string, number] => [String(i / 7), i % 2])
  assert.equal(check(cells, [50], {categorical: false, special: []}, {maxDistinct: 40, maxLevels: 10_000}), false)
})

test('swapClasses exchanges goods and bads, missing and special counts', () => {
  const p = profileOf(
    [
      ['1', 1],
      ['', 0],
      ['-999', 1],
      ['2', 0],
    ],
    {categorical: false, special: ['-999']},
  ).finish()
  const s = swapClasses(p)
  assert.deepStrictEqual([s.goods, s.bads, s.missing, s.special.get('-999')], [p.bads, p.goods, [0, 1], [1, 0]])
})
