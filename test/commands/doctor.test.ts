import {test} from 'node:test'
import assert from 'node:assert/strict'
import {availableParallelism} from 'node:os'
import {runCli, runCliJson} from '../helpers/cli.js'
import {assertMatchesSchema} from '../helpers/schema.js'

test('doctor --json prints one report that matches its schema', () => {
  const {json, result} = runCliJson(['doctor'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'doctor.schema.json')
  assert.equal(json.result.node, process.version)
  assert.equal(json.result.cpus.count, availableParallelism())
  assert.equal(json.result.tempDir.writable, true)
})

test('an unknown flag is a one-line usage error with exit code 2', () => {
  const r = runCli(['doctor', '--no-such-flag'])
  assert.equal(r.status, 2)
  assert.equal(r.stdout, '')
  assert.match(r.stderr, /^infolens: error: Nonexistent flag: --no-such-flag\n$/)
})
