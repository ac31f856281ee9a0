/** The kappa terminal table formats each κ column one way (issue 15: no bare "3" beside "5.8284"). */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli} from '../../../helpers/cli.js'

const model = new URL('../../../fixtures/kappa/tiny-model.safetensors', import.meta.url).pathname

test('kappa and kappa_mp cells: 4 decimals, an exponent beyond 1e6, or inf', () => {
  const r = runCli(['kappa', 'plan', model, '--no-cache', '--fraction', '1'])
  assert.equal(r.status, 0, r.stderr)
  const rows = r.stdout.split('\n').filter((l) => /^│\s+\d+ │/.test(l))
  assert.ok(rows.length > 0)
  for (const row of rows) {
    const cells = row.split('│').map((c) => c.trim())
    for (const cell of cells.slice(4, 7)) assert.match(cell, /^(-?\d+\.\d{4}|-?\d\.\d{3}e[+-]\d+|inf|-)$/, row)
  }
})
