/** The shared spectra cache: a second run does no solves; corrupt or Gram-only entries are recomputed. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, truncateSync} from 'node:fs'
import {join} from 'node:path'
import {putCachedSingularValues} from '../../../src/io/spectra-cache.js'
import {runCliJson, tempDir} from '../../helpers/cli.js'

const fixtureDir = new URL('../../fixtures/kappa/', import.meta.url).pathname
const model = join(fixtureDir, 'tiny-model.safetensors')
const reference = JSON.parse(readFileSync(join(fixtureDir, 'reference.json'), 'utf8'))
const MATRICES = 21 + 2 * 4 // 21 linear weights + two fused tensors of 4 experts

const kappas = (json: any) => Object.fromEntries(json.result.tensors.filter((t: any) => t.kind).map((t: any) => [t.name, t.kappa]))

test('a second run reads every spectrum from the cache and does zero solves, with identical results', () => {
  const cache = tempDir()
  const first = runCliJson(['kappa', 'plan', model, '--cache', cache]).json
  assert.deepEqual(first.result.compute, {...first.result.compute, solves: MATRICES, cache_hits: 0, cache})
  const second = runCliJson(['kappa', 'plan', model, '--cache', cache, '--count', '3']).json
  assert.equal(second.result.compute.solves, 0)
  assert.equal(second.result.compute.cache_hits, 23)
  assert.deepEqual(kappas(second), kappas(first))
})

test('a truncated cache entry is recomputed, not trusted', () => {
  const cache = tempDir()
  runCliJson(['kappa', 'plan', model, '--cache', cache])
  const data = readdirSync(cache).filter((f) => f.endsWith('.f64'))
  assert.equal(data.length, 23)
  truncateSync(join(cache, data[0]), 12)
  const again = runCliJson(['kappa', 'plan', model, '--cache', cache]).json
  assert.equal(again.result.compute.cache_hits, 22)
  assert.ok(again.result.compute.solves >= 1 && again.result.compute.solves <= 4)
  for (const [name, k] of Object.entries<any>(kappas(again))) assert.ok(Math.abs(k / reference.tensors[name].metrics.kappa - 1) < 1e-8, name)
})

test('a Gram-eigenvalue entry (inaccurate small sigma) is not used for kappa', async () => {
  const cache = tempDir()
  const sha = createHash('sha256').update(readFileSync(model)).digest('hex')
  const key = {fileSha256: sha, tensor: 'lm_head.weight', shape: [64, 16], dtype: 'F32'}
  await putCachedSingularValues(key, new Float64Array(16).fill(1), 'eigvalsh-gram', {dir: cache})
  const run = runCliJson(['kappa', 'plan', model, '--cache', cache]).json
  assert.equal(run.result.compute.solves, MATRICES)
  const head = run.result.tensors.find((t: any) => t.name === 'lm_head.weight')
  assert.ok(Math.abs(head.kappa / reference.tensors['lm_head.weight'].metrics.kappa - 1) < 1e-10)
})
