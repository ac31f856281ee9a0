import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  describeNumericSpec,
  flagsAsTyped,
  floatFlag,
  floatListFlag,
  formatNumericValue,
  integerFlag,
  isInRange,
  numericSpecOf,
  parseNumericInput,
  type NumericFlagSpec,
} from '../../../src/core/cli/numeric-flags.js'
import {FlagValueError} from '../../../src/core/errors.js'

const level: NumericFlagSpec = {
  kind: 'float',
  list: false,
  allowInfinity: false,
  recordAsTyped: false,
  min: 0,
  max: 1,
  exclusiveMin: true,
  exclusiveMax: true,
}

test('describeNumericSpec writes the range as the error and the snapshot show it', () => {
  assert.equal(describeNumericSpec(level), 'a number in (0, 1)')
  assert.equal(describeNumericSpec(numericSpecOf(integerFlag({min: 1}))!), 'an integer >= 1')
  assert.equal(
    describeNumericSpec(numericSpecOf(floatListFlag({min: 0, allowInfinity: true}))!),
    'comma-separated numbers, each >= 0 or inf',
  )
  assert.equal(describeNumericSpec(numericSpecOf(floatFlag({}))!), 'a finite number')
})

test('parseNumericInput: decimal notation only; -0 is 0; the error is one line naming the flag', () => {
  assert.equal(parseNumericInput(' 0.5 ', 'alpha', level), 0.5)
  assert.equal(parseNumericInput('5e-2', 'alpha', level), 0.05)
  assert.ok(Object.is(parseNumericInput('-0', 'x', {...level, min: 0, exclusiveMin: false}), 0))
  for (const bad of ['0x1', '1e999', 'NaN', 'Infinity', '', ' ', '.', '1.2.3', '0', '1'])
    assert.throws(
      () => parseNumericInput(bad, 'alpha', level),
      (e: unknown) =>
        e instanceof FlagValueError &&
        e.exitCode === 2 &&
        e.oneLine === `--alpha: expected a number in (0, 1), got ${JSON.stringify(bad)}`,
      bad,
    )
})

test('list flags: every element checked, inf only where allowed', () => {
  const eps = numericSpecOf(floatListFlag({min: 0, allowInfinity: true}))!
  assert.deepEqual(parseNumericInput('0.1, 2,INF,infinity', 'epsilon', eps), [0.1, 2, Infinity, Infinity])
  assert.throws(() => parseNumericInput('0.1,-1', 'epsilon', eps), FlagValueError)
  assert.throws(() => parseNumericInput('0.1,', 'epsilon', eps), FlagValueError)
  assert.equal(isInRange(Infinity, {min: 0}), false)
  assert.equal(isInRange(Infinity, {min: 0, allowInfinity: true}), true)
})

test('a default outside the range is a programming error, caught when the flag is defined', () => {
  assert.throws(() => floatFlag({min: 0, max: 1, default: 2}), /not a number in \[0, 1\]/)
  assert.throws(() => integerFlag({min: 0, default: 1.5}), /not an integer >= 0/)
})

test('flagsAsTyped: recordAsTyped flags keep the typed text or the default as text; others keep values', () => {
  const definitions = {
    alpha: floatFlag({min: 0, default: 0.05, recordAsTyped: true}),
    epsilon: floatListFlag({min: 0, allowInfinity: true, default: [0.1, Infinity], recordAsTyped: true}),
    bins: integerFlag({min: 2, default: 10}),
    box: floatFlag({min: 0, recordAsTyped: true}),
  }
  const flags = {alpha: 0.01, epsilon: [0.1, Infinity], bins: 12, box: undefined, name: 'x'}
  assert.deepEqual(flagsAsTyped(flags, definitions, new Map([['alpha', '0.010']])), {
    alpha: '0.010',
    epsilon: '0.1,inf',
    bins: 12,
    box: undefined,
    name: 'x',
  })
  assert.equal(formatNumericValue(1e-8), '1e-8')
})
