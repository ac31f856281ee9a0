/**
 * The strided-view arithmetic: spans, row-major detection and the 2^53 overflow guard,
 * against hand-worked cases. (The gather itself is checked against torch's values on
 * every view of views.pt in reader.test.ts.)
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {checkedElementCount, isRowMajor, storageSpan} from '../../../src/core/pytorch/strided-view.js'

test('storageSpan: first element and one past the last one reached', () => {
  assert.deepEqual(storageSpan([2, 3], [3, 1], 0), {first: 0, end: 6})
  assert.deepEqual(storageSpan([3, 2], [1, 3], 0), {first: 0, end: 6}) // transposed
  assert.deepEqual(storageSpan([4, 3], [8, 1], 11), {first: 11, end: 11 + 3 * 8 + 2 + 1})
  assert.deepEqual(storageSpan([3, 4], [0, 1], 5), {first: 5, end: 9}) // expanded row
  assert.deepEqual(storageSpan([], [], 7), {first: 7, end: 8}) // scalar
  assert.deepEqual(storageSpan([0, 4], [4, 1], 3), {first: 3, end: 3}) // empty: reads nothing
  assert.equal(storageSpan([2 ** 30, 2 ** 30], [2 ** 30, 2 ** 24], 0), undefined) // index beyond 2^53
})

test('isRowMajor: contiguous strides, size-1 dimensions free', () => {
  assert.equal(isRowMajor([2, 3], [3, 1]), true)
  assert.equal(isRowMajor([3, 2], [1, 3]), false)
  assert.equal(isRowMajor([1, 3], [99, 1]), true)
  assert.equal(isRowMajor([3, 4], [0, 1]), false)
  assert.equal(isRowMajor([], []), true)
})

test('checkedElementCount: products below 2^53, undefined from there on', () => {
  assert.equal(checkedElementCount([]), 1)
  assert.equal(checkedElementCount([2 ** 26, 2 ** 26]), 2 ** 52)
  assert.equal(checkedElementCount([2 ** 26, 2 ** 27]), undefined) // 2^53 itself is no longer exact-safe
  assert.equal(checkedElementCount([2 ** 40, 2 ** 40]), undefined)
  assert.equal(checkedElementCount([0, 2 ** 60]), 0)
})
