/**
 * The spectra cache as a shared result store (docs/cluster.md): two processes solving the same checkpoint into
 * one cache directory at the same time race on every entry. Atomic renames and verified reads mean that both
 * reports are right and that every entry left behind verifies: a third run reads all of them from the cache.
 * A layer read from the cache (σ stored, λ = σ² recomputed) may differ from a fresh solve in the last bits,
 * so reports are compared to a relative 1e-12 here (docs/cluster.md says what that means for merges).
 */
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {runCliAsync} from '../../helpers/cli-async.js'

const REL_TOL = 1e-12

/** Same layers: strings, integers and nulls equal, floats within REL_TOL. */
function assertSameLayers(a: Record<string, unknown>[], b: Record<string, unknown>[]) {
  assert.equal(a.length, b.length)
  a.forEach((la, i) => {
    for (const [k, v] of Object.entries(la)) {
      const w = b[i][k]
      if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(v))
        assert.ok(Math.abs(v - w) <= REL_TOL * Math.max(Math.abs(v), Math.abs(w)), `${la.name} ${k}: ${v} vs ${w}`)
      else assert.deepEqual(w, v, `${la.name} ${k}`)
    }
  })
}

test('two processes racing on the same cache entries: equal reports, and every entry verifies afterwards', async () => {
  const root = tempDir('infolens-cache-race-')
  assert.equal(runCli(['demo', 'checkpoint', join(root, 'ck'), '--quiet']).status, 0)
  const cache = join(root, 'shared-cache')
  const args = ['spectral', 'analyze', join(root, 'ck', 'sharded'), '--cache', cache, '--json']
  const [a, b] = await Promise.all([runCliAsync(args), runCliAsync(args)])
  assert.equal(a.status, 0, a.stderr)
  assert.equal(b.status, 0, b.stderr)
  const [ra, rb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)]
  assertSameLayers(ra.result.layers, rb.result.layers)
  const n = ra.result.layers.length
  assert.equal(ra.result.cache.solved + ra.result.cache.cached, n)
  const {json: third} = runCliJson(['spectral', 'analyze', join(root, 'ck', 'sharded'), '--cache', cache])
  assert.deepEqual(third.result.cache, {dir: cache, solved: 0, cached: n})
  assertSameLayers(third.result.layers, ra.result.layers)
})
