/** The state rule (school-summary.ts): dewi-kadita's thresholds in order, and no state below 3 fish. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {classifyState, MIN_COLLECTIVE_FISH, stateRule} from '../../../../src/families/school/kernels/school-summary.js'

test('thresholds on P and M, checked in order, strict at each threshold', () => {
  const cases: [number, number, string][] = [
    [0.95, 0.9, 'Highly Parallel'], // P wins over M
    [0.9, 0.0, 'Dynamic Parallel'], // P > 0.9 is strict
    [0.71, 0.6, 'Dynamic Parallel'],
    [0.7, 0.6, 'Torus/Milling'],
    [0.3, 0.5, 'Transitional'], // M > 0.5 is strict
    [0.41, 0.0, 'Transitional'],
    [0.4, 0.31, 'Transitional'],
    [0.4, 0.3, 'Swarm'],
    [0.05, 0.05, 'Swarm'],
  ]
  for (const [P, M, want] of cases) assert.equal(classifyState(P, M, 100), want, `P ${P}, M ${M}`)
})

test('fewer than 3 fish have no collective state, whatever P and M say (one fish has P = 1)', () => {
  assert.equal(MIN_COLLECTIVE_FISH, 3)
  assert.equal(classifyState(1, 0, 1), 'No collective state')
  assert.equal(classifyState(0.99, 0, 2), 'No collective state')
  assert.equal(classifyState(0.99, 0, 3), 'Highly Parallel')
  for (const word of ['final frame', 'N < 3', 'P > 0.9', 'P > 0.7', 'M > 0.5', 'P > 0.4 or M > 0.3', 'Swarm'])
    assert.ok(stateRule.includes(word), word)
})
