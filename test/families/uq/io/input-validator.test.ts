/**
 * The precompiled validator of uq input lines (src/families/uq/io/uq-input-validator.ts, ajv
 * standalone code) is the committed schema's: regenerating it changes nothing, and on valid and
 * invalid items it answers, with the same first error, as ajv compiling schemas/uq-input.schema.json.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import Ajv from 'ajv'
import {validateUqInput} from '../../../../src/families/uq/io/uq-input-validator.js'

test('the committed validator is generated from the committed schema', () => {
  const r = spawnSync(process.execPath, ['scripts/build-validators.mjs', '--check'], {encoding: 'utf8'})
  assert.equal(r.status, 0, r.stderr)
})

test('same verdict and first error as ajv compiling the schema', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../../schemas/uq-input.schema.json', import.meta.url), 'utf8'))
  const compiled = new (Ajv as unknown as typeof Ajv.default)({allErrors: false, strict: false}).compile(schema)
  const response = {text: 'a', embedding: [1, 0]}
  const input = {text: 'q', embedding: [0, 1], responses: [response]}
  const good = {id: 'x', runs: [{temperature: 0.7, inputs: [input, input]}]}
  const cases: unknown[] = [
    good,
    {...good, id: 7},
    {...good, schema: 'other'},
    {...good, correct: 2},
    {...good, runs: []},
    {...good, runs: [{temperature: -1, inputs: [input, input]}]},
    {...good, runs: [{temperature: 0.7, inputs: [input]}]},
    {...good, runs: [{temperature: 0.7, inputs: [input, {...input, embedding: {npy: 'a.npy', row: -1}}]}]},
    {...good, runs: [{temperature: 0.7, inputs: [input, {...input, responses: [{embedding: [1]}]}]}]},
    {...good, runs: [{temperature: 0.7, inputs: [input, input], inputSimilarity: [[1, 'x']]}]},
    {id: 'x'},
    'not an object',
  ]
  for (const item of cases) {
    const expected = compiled(item)
    assert.equal(validateUqInput(item), expected, JSON.stringify(item))
    if (!expected) assert.deepEqual(validateUqInput.errors?.[0], compiled.errors?.[0], JSON.stringify(item))
  }
})
