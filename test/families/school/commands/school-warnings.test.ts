/**
 * school simulate's honesty checks: the all-pairs warning for a large school in a box too small for
 * the cell grid (stderr and the report's warnings, naming the cause and the remedy), its absence
 * where the grid applies or all pairs were asked for, and the state of a one-fish run.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

test('2,000 fish in the paper box (r_a = 15 > L/2): warning on stderr and in the report', () => {
  const {json, result} = runCliJson(['school', 'simulate', '--agents', '2000', '--steps', '1'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  assert.equal(json.warnings.length, 1)
  const w: string = json.warnings[0]
  assert.match(w, /all-pairs step forced at 2000 fish/)
  assert.match(w, /r_attraction 15 > L\/2 = 12\.5/)
  assert.match(w, /--box/)
  assert.ok(result.stderr.includes(`infolens: warning: ${w}`), result.stderr)
})

test('no warning below 2,000 fish, with --search all-pairs, or when the grid applies', () => {
  for (const args of [
    ['--agents', '1999', '--steps', '1'],
    ['--agents', '2000', '--steps', '1', '--search', 'all-pairs'],
    ['--agents', '2000', '--steps', '1', '--box', '60'],
  ]) {
    const {json, result} = runCliJson(['school', 'simulate', ...args])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(json.warnings, [], args.join(' '))
    assert.ok(!result.stderr.includes('warning'), result.stderr)
  }
})

test('--agents 1: "No collective state", with the rule in the report', () => {
  const {json, result} = runCliJson(['school', 'simulate', '--agents', '1', '--steps', '5'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  assert.equal(json.result.state, 'No collective state')
  assert.equal(json.result.summary.polarization.final, 1) // what the old rule called "Highly Parallel"
  assert.match(json.result.stateRule, /N < 3 → No collective state; P > 0.9 → Highly Parallel/)
})
