// In-process command test through @oclif/test's runCommand (the subprocess tests
// cover exit codes; this one covers the oclif wiring: flags, JSON mode, result).
import {beforeEach, test} from 'node:test'
import assert from 'node:assert/strict'
import {runCommand} from '@oclif/test'

const root = new URL('../..', import.meta.url).pathname

// node:test's reporter writes asynchronously; let it flush before runCommand captures stdout.
beforeEach(() => new Promise((resolve) => setTimeout(resolve, 10)))

test('runCommand doctor --json returns the report as the command result', async () => {
  const {result, stdout, error} = await runCommand<{schema: string; result: {node: string}}>(['doctor', '--json'], {
    root,
  })
  assert.equal(error, undefined)
  assert.equal(result?.schema, 'infolens.doctor/1')
  assert.equal(JSON.parse(stdout).result.node, process.version)
})
