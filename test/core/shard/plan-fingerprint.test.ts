import {test} from 'node:test'
import assert from 'node:assert/strict'
import {canonicalJson, planFingerprint} from '../../../src/core/shard/plan-fingerprint.js'

const plan = {
  command: 'spectral:analyze',
  version: '0.1.0',
  inputs: [{path: 'a.safetensors', bytes: 10, sha256: 'ab'.repeat(32)}],
  options: {fit: 'PL', 'min-evals': 10},
  count: 4,
}

test('canonicalJson sorts keys at every depth and drops undefined', () => {
  assert.equal(
    canonicalJson({b: 1, a: {d: [1, {f: 2, e: undefined}], c: null}}),
    '{"a":{"c":null,"d":[1,{"f":2}]},"b":1}',
  )
})

test('planFingerprint: key order and bookkeeping options do not matter; inputs, options and N do', () => {
  const fp = planFingerprint(plan)
  assert.match(fp, /^sha256:[0-9a-f]{64}$/)
  assert.equal(planFingerprint({...plan, options: {'min-evals': 10, fit: 'PL', out: 'p.json', quiet: true}}), fp)
  assert.notEqual(planFingerprint({...plan, options: {...plan.options, fit: 'TPL'}}), fp)
  assert.notEqual(planFingerprint({...plan, count: 3}), fp)
  assert.notEqual(planFingerprint({...plan, inputs: [{...plan.inputs[0], sha256: 'cd'.repeat(32)}]}), fp)
  assert.notEqual(planFingerprint({...plan, version: '0.2.0'}), fp)
})
