/**
 * `spectral analyze` and damaged spectra-cache entries: an entry with a flipped byte (caught only by its SHA-256)
 * or a truncated data file is a miss, so the layer is eigen-solved again (cache.solved counts it), its metrics
 * are identical to a fresh solve, the other layers are still read from the cache, and the entry is rewritten.
 * Also checks that reference.json (WeightWatcher) still holds for the recomputed layers.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readdirSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const fixtures = new URL('../../../fixtures/spectral/', import.meta.url).pathname
const model = join(fixtures, 'small', 'model.safetensors')
const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8'))

function dataFileOf(cache: string, tensor: string): string {
  for (const f of readdirSync(cache).filter((n) => n.endsWith('.json'))) {
    if (JSON.parse(readFileSync(join(cache, f), 'utf8')).tensor === tensor)
      return join(cache, f.replace(/\.json$/, '.f64'))
  }
  throw new Error(`no cache entry for ${tensor}`)
}

test('a flipped byte and a truncated entry are recomputed, not trusted; results identical to a fresh solve', () => {
  const cache = tempDir()
  const analyze = () => runCliJson(['spectral', 'analyze', model, '--cache', cache]).json
  const fresh = analyze()
  assert.deepEqual(fresh.result.cache, {dir: cache, solved: 6, cached: 0})
  const warm = analyze()
  assert.deepEqual(warm.result.cache, {dir: cache, solved: 0, cached: 6})
  const [flipped, truncated] = [fresh.result.layers[0].name, fresh.result.layers[3].name]
  const flippedFile = dataFileOf(cache, flipped)
  const bytes = readFileSync(flippedFile)
  bytes[8 * 3] ^= 0x01 // lowest mantissa bit of one σ: still a plausible value
  writeFileSync(flippedFile, bytes)
  truncateSync(dataFileOf(cache, truncated), 16)
  const repaired = analyze()
  assertMatchesSchema(repaired, 'spectral.schema.json')
  assert.deepEqual(repaired.result.cache, {dir: cache, solved: 2, cached: 4})
  for (const [i, layer] of repaired.result.layers.entries()) {
    const recomputed = [flipped, truncated].includes(layer.name)
    // a recomputed layer equals the fresh solve bit for bit; the others equal the warm (cached) run
    assert.deepEqual(layer, (recomputed ? fresh : warm).result.layers[i], layer.name)
  }
  for (const name of [flipped, truncated]) {
    const expected = reference.layers.default.find((l: any) => l.name === name)
    const got = repaired.result.layers.find((l: any) => l.name === name)
    for (const k of ['lambda_max', 'log_norm', 'stable_rank', 'alpha'])
      assert.ok(Math.abs(got[k] / expected[k] - 1) < 1e-6, `${name} ${k}: ${got[k]} vs ${expected[k]}`)
  }
  assert.deepEqual(analyze().result.cache, {dir: cache, solved: 0, cached: 6})
})
