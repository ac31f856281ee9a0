import {test} from 'node:test'
import assert from 'node:assert/strict'
import {budgetSize, selectByBudget, type RankItem} from '../../../../src/families/kappa/kernels/budget-selection.js'

test('fraction budgets follow PEFT: max(1, int(len * top_p))', () => {
  // Python: int(7*0.2)=1, int(10*0.25)=2, int(3*0.34)=1, int(4*0.2)=0 -> 1, int(100*0.29)=28 (float product 28.999...)
  const cases: [number, number, number][] = [
    [7, 0.2, 1],
    [10, 0.25, 2],
    [3, 0.34, 1],
    [4, 0.2, 1],
    [100, 0.29, 28],
    [5, 1, 5],
  ]
  for (const [n, p, k] of cases) assert.equal(budgetSize({mode: 'fraction', fraction: p}, n), k, `${n} x ${p}`)
  assert.equal(budgetSize({mode: 'count', count: 9}, 4), 4)
  assert.equal(budgetSize({mode: 'fraction', fraction: 0.5}, 0), 0)
})

const items = (scores: number[], groups?: string[]): RankItem[] =>
  scores.map((score, order) => ({order, score, group: groups?.[order] ?? 'g'}))

test('ranking is ascending, ties keep tensor order, +inf then NaN come last', () => {
  const ranked = selectByBudget(items([5, Number.NaN, 2, Number.POSITIVE_INFINITY, 2, 1]), {mode: 'count', count: 3})
  assert.deepEqual(
    ranked.map((r) => r.order),
    [5, 2, 4, 0, 3, 1],
  )
  assert.deepEqual(
    ranked.map((r) => r.selected),
    [true, true, true, false, false, false],
  )
  assert.deepEqual(
    ranked.map((r) => r.rank_position),
    [1, 2, 3, 4, 5, 6],
  )
})

test('max-kappa takes every score <= T and never inf or NaN', () => {
  const ranked = selectByBudget(items([5, Number.NaN, 2, Number.POSITIVE_INFINITY, 10]), {
    mode: 'max-kappa',
    maxKappa: 5,
  })
  assert.deepEqual(
    ranked.filter((r) => r.selected).map((r) => r.order),
    [2, 0],
  )
})

test('the budget applies to each group separately, with group ranks', () => {
  const ranked = selectByBudget(items([4, 3, 2, 1, 9, 8], ['a', 'a', 'a', 'a', 'b', 'b']), {mode: 'count', count: 1})
  assert.deepEqual(
    ranked
      .filter((r) => r.selected)
      .map((r) => r.order)
      .sort(),
    [3, 5],
  )
  assert.equal(ranked.find((r) => r.order === 4)?.group_rank, 2)
  assert.equal(ranked.find((r) => r.order === 0)?.group_rank, 4)
})
