/**
 * `spectral analyze` options and input variants against test/fixtures/spectral/reference.py (reference.json):
 * --fit TPL, --fix-fingers xmin_peak, the BF16 copy of the fixture, sharded vs single file, the spectra cache,
 * --threads, a failed fit and a NaN tensor.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {openCheckpoint} from '../../../../src/core/checkpoint/index.js'
import {writeSafetensors, writeShardedSafetensors} from '../../../../src/core/safetensors/index.js'
import {nonEmpty} from '../../../helpers/fixture.js'

const fixtures = new URL('../../../fixtures/spectral/', import.meta.url).pathname
const model = join(fixtures, 'small', 'model.safetensors')
const bf16 = join(fixtures, 'small', 'model-bf16.safetensors')
const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8'))

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)

/** Every reference field to `tol` relative (integers and strings exact, nulls equal); returns the worst error. */
function compareLayer(actual: any, expected: any, tol: number, skip: readonly string[] = []): number {
  let worst = 0
  for (const [k, v] of Object.entries(expected)) {
    if (skip.includes(k)) continue
    if (Array.isArray(v)) assert.deepEqual(actual[k], v, `${expected.name} ${k}`)
    else if (v === null || typeof v === 'string') assert.equal(actual[k], v, `${expected.name} ${k}`)
    else if (Number.isInteger(v) && Number.isInteger(actual[k]) && !['alpha', 'D'].includes(k))
      assert.equal(actual[k], v, `${expected.name} ${k}`)
    else {
      const err = rel(actual[k], v as number)
      assert.ok(err <= tol, `${expected.name} ${k}: ${actual[k]} vs ${v} (rel ${err})`)
      worst = Math.max(worst, err)
    }
  }
  return worst
}

test('--fit TPL: every field matches reference.py (powerlaw 1.5 TPL) to 1e-6; ulp-sensitive fits within the optimiser tolerance', () => {
  const cache = tempDir()
  const {json, result} = runCliJson(['spectral', 'analyze', model, '--fit', 'TPL', '--cache', cache])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'spectral.schema.json')
  const sensitive: string[] = reference.tpl_sensitive
  for (const e of nonEmpty(reference.layers.tpl, 'reference.layers.tpl')) {
    const a = json.result.layers.find((l: any) => l.name === e.name)
    assert.equal(a.sigma, null) // powerlaw has no sigma for the TPL (NaN in WeightWatcher)
    if (!sensitive.includes(e.name)) {
      compareLayer(a, e, 1e-6)
      continue
    }
    // Nelder–Mead stops at xatol = 1e-4 on a likelihood that is flat as Λ → 0: eigenvalues moved by ~1e-14
    // (Gram route vs SVD) move the answer within that tolerance (reference.py flags these layers)
    assert.ok(rel(a.xmin, e.xmin) < 1e-9, `${e.name} xmin ${a.xmin} vs ${e.xmin}`)
    assert.ok(Math.abs(a.Lambda - e.Lambda) < 1e-4, `${e.name} Lambda ${a.Lambda} vs ${e.Lambda}`)
    assert.ok(rel(a.alpha, e.alpha) < 1e-3, `${e.name} alpha ${a.alpha} vs ${e.alpha}`)
    compareLayer(a, e, 1e-6, ['alpha', 'alpha_weighted', 'log_alpha_norm', 'D', 'Lambda'])
  }
  assert.ok(sensitive.length < reference.layers.tpl.length)
})

test('--fit TPL with --fix-fingers clip_xmax → exit 2, one line, no output', () => {
  const out = join(tempDir(), 'r.json')
  const r = runCli(['spectral', 'analyze', model, '--fit', 'TPL', '--fix-fingers', 'clip_xmax', '--out', out])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: .*model\.safetensors: --fit: expected PL with --fix-fingers clip_xmax.*\n$/)
  assert.ok(!existsSync(out))
})

test('--fix-fingers xmin_peak: every field matches reference.py to 1e-6', () => {
  const {json} = runCliJson(['spectral', 'analyze', model, '--fix-fingers', 'xmin_peak', '--no-cache'])
  for (const e of nonEmpty(reference.layers.xmin_peak, 'reference.layers.xmin_peak'))
    compareLayer(
      json.result.layers.find((l: any) => l.name === e.name),
      e,
      1e-6,
    )
})

test('BF16 checkpoint: matches reference.py on the BF16-rounded weights (1e-6); same layers and alphas close to F32', () => {
  const {json: b} = runCliJson(['spectral', 'analyze', bf16, '--no-cache'])
  const {json: f} = runCliJson(['spectral', 'analyze', model, '--no-cache'])
  assertMatchesSchema(b, 'spectral.schema.json')
  assert.deepEqual(
    b.result.layers.map((l: any) => l.name),
    f.result.layers.map((l: any) => l.name),
  )
  assert.deepEqual(
    b.result.layers.map((l: any) => l.dtype),
    b.result.layers.map(() => 'BF16'),
  )
  for (const e of nonEmpty(reference.layers.bf16, 'reference.layers.bf16'))
    compareLayer(
      b.result.layers.find((l: any) => l.name === e.name),
      e,
      1e-6,
    )
  for (const [i, l] of b.result.layers.entries()) {
    // BF16 keeps 8 significant bits: norms move by ~1e-3, alpha by a few per cent at most
    assert.ok(rel(l.log_norm, f.result.layers[i].log_norm) < 1e-3, l.name)
    assert.ok(rel(l.alpha, f.result.layers[i].alpha) < 0.05, `${l.name}: ${l.alpha} vs ${f.result.layers[i].alpha}`)
  }
})

test('sharded directory (index.json) and single file give identical layers, skips and summary', async () => {
  const ck = await openCheckpoint(model)
  const tensors = []
  for (const t of ck.tensors)
    tensors.push({name: t.name, dtype: t.dtype, shape: t.shape, data: await ck.readFloat32(t)})
  await ck.close()
  const dir = tempDir()
  writeShardedSafetensors(dir, tensors as never, {shards: 3})
  assert.ok(readdirSync(dir).filter((f) => f.endsWith('.safetensors')).length >= 2)
  const {json: single} = runCliJson(['spectral', 'analyze', model, '--no-cache'])
  const {json: sharded, result} = runCliJson(['spectral', 'analyze', dir, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(sharded.result.layers, single.result.layers)
  assert.deepEqual(sharded.result.skipped, single.result.skipped)
  assert.deepEqual(sharded.result.summary, single.result.summary)
  assert.ok(sharded.result.source.files.length >= 2)
})

test('spectra cache: the second run solves nothing and reports the same metrics; --no-cache solves all', () => {
  const cache = tempDir()
  const {json: first} = runCliJson(['spectral', 'analyze', model, '--cache', cache])
  assert.deepEqual(first.result.cache, {dir: cache, solved: 6, cached: 0})
  const {json: second} = runCliJson(['spectral', 'analyze', model, '--cache', cache])
  assertMatchesSchema(second, 'spectral.schema.json')
  assert.deepEqual(second.result.cache, {dir: cache, solved: 0, cached: 6})
  // σ = √λ is cached, so λ comes back as σ²: equal to the last bits
  for (const [i, l] of second.result.layers.entries()) {
    for (const k of ['alpha', 'D', 'xmin', 'lambda_max', 'log_norm', 'stable_rank', 'detX_val', 'entropy'])
      assert.ok(rel(l[k], first.result.layers[i][k]) < 1e-12, `${l.name} ${k}`)
    assert.equal(l.num_pl_spikes, first.result.layers[i].num_pl_spikes)
  }
  const {json: none} = runCliJson(['spectral', 'analyze', model, '--no-cache'])
  assert.deepEqual(none.result.cache, {dir: null, solved: 6, cached: 0})
})

test('--threads 3 (3 workers) gives the results of --threads 1 (one worker): integers exact, floats to BLAS rounding', () => {
  const {json: one} = runCliJson(['spectral', 'analyze', model, '--threads', '1', '--no-cache', '--mp-fit'])
  const {json: three} = runCliJson(['spectral', 'analyze', model, '--threads', '3', '--no-cache', '--mp-fit'])
  assert.deepEqual(
    three.result.layers.map((l: any) => l.name),
    one.result.layers.map((l: any) => l.name),
  )
  // OpenBLAS sums in an order that depends on its thread count (floor(cores/workers) per worker), so the
  // last bits of λ may differ (the smallest σ, a Gram-route noise value, most: 3e-11 measured); every discrete
  // outcome (xmin choice, counts, labels) must not
  for (const [i, l] of three.result.layers.entries()) compareLayer(l, one.result.layers[i], 1e-9)
})

test('a layer whose fit fails (all eigenvalues below 1e-5) has status failed, no warning, and stays out of the means', () => {
  const dir = tempDir()
  const path = join(dir, 'model.safetensors')
  const n = 24
  const ok = Float32Array.from({length: n * n}, (_, k) => Math.sin(k * 12.9898) * 0.3)
  const tiny = Float32Array.from({length: n * n}, (_, k) => Math.cos(k * 78.233) * 1e-6)
  writeSafetensors(path, [
    {name: 'a.weight', dtype: 'F32', shape: [n, n], data: ok},
    {name: 'b.weight', dtype: 'F32', shape: [n, n], data: tiny},
  ])
  const {json, result} = runCliJson(['spectral', 'analyze', path, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'spectral.schema.json')
  const b = json.result.layers.find((l: any) => l.name === 'b.weight')
  assert.equal(b.status, 'failed')
  assert.equal(b.warning, '')
  assert.equal(b.alpha, null)
  assert.match(b.reason, /fewer than 2 eigenvalues above 1e-5/)
  const a = json.result.layers.find((l: any) => l.name === 'a.weight')
  assert.equal(json.result.summary.counts.failed, 1)
  assert.equal(json.result.summary.means.alpha, a.alpha)
})

test('a tensor with NaN → exit 2, one line naming the tensor, no output file', () => {
  const dir = tempDir()
  const path = join(dir, 'model.safetensors')
  const data = Float32Array.from({length: 400}, (_, k) => Math.sin(k))
  data[123] = Number.NaN
  writeSafetensors(path, [
    {name: 'good.weight', dtype: 'F32', shape: [20, 20], data: data.map((v) => (Number.isNaN(v) ? 0 : v))},
    {name: 'bad.weight', dtype: 'F32', shape: [20, 20], data},
  ])
  const out = join(dir, 'r.json')
  const r = runCli(['spectral', 'analyze', path, '--no-cache', '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.equal(r.stderr.trim().split('\n').length, 1)
  assert.match(r.stderr, /^infolens: error: .*model\.safetensors: .*bad\.weight.*(NaN|finite)/)
  assert.ok(!existsSync(out))
})
