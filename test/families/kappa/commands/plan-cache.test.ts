/**
 * The spectra cache shared by `kappa plan` and `spectral analyze`: a second run does no solves; a damaged entry
 * (flipped byte, truncated) is recomputed, not trusted; spectral's Gram eigenvalues are reused for κ exactly
 * when they are accurate to 1e-9 (core/linalg/gram-accuracy), so on a well-conditioned 2-D-only checkpoint the
 * second command does zero solves; a 4-D conv tensor gets one entry per view and neither command disturbs the
 * other's. Every κ is checked against reference.json (numpy SVD) and spectral's ESD quantities against
 * shared-cache.json (numpy SVD of WeightWatcher's slices, test/fixtures/kappa/shared-cache.py).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {putCachedSingularValues} from '../../../../src/core/cache/spectra-cache.js'
import {openSafetensors, writeSafetensors, type TensorToWrite} from '../../../../src/core/safetensors/index.js'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const fixtureDir = new URL('../../../fixtures/kappa/', import.meta.url).pathname
const model = join(fixtureDir, 'tiny-model.safetensors')
const reference = JSON.parse(readFileSync(join(fixtureDir, 'reference.json'), 'utf8'))
const esdReference = JSON.parse(readFileSync(join(fixtureDir, 'shared-cache.json'), 'utf8')).layers
const MATRICES = 21 + 2 * 4 // 21 linear weights + two fused tensors of 4 experts
/** 2-D tensors whose κ (5e3, 1e6, 1e8) is above the Gram acceptance limit for 16x24 / 16x16 (about 1355 / 1500). */
const ILL_CONDITIONED = [
  'model.layers.1.mlp.up_proj.weight',
  'model.layers.1.self_attn.q_proj.weight',
  'model.layers.1.mlp.down_proj.weight',
]
const CONV = 'model.vision.patch_embed.proj.weight'

const kappas = (json: any) =>
  Object.fromEntries(json.result.tensors.filter((t: any) => t.kind).map((t: any) => [t.name, t.kappa]))
const rel = (a: number, b: number) => Math.abs(a / b - 1)

/** κ of every candidate to 1e-8, and the full-spectrum fields (which small σ errors would move) to 1e-10. */
function assertReferenceKappas(json: any, tol = 1e-8) {
  for (const [name, k] of Object.entries<any>(kappas(json))) {
    assert.ok(
      rel(k, reference.tensors[name].metrics.kappa) < tol,
      `${name}: ${k} vs ${reference.tensors[name].metrics.kappa}`,
    )
  }
  for (const t of json.result.tensors.filter((x: any) => x.kind)) {
    for (const field of ['log_volume', 'log_volume_gap', 'spectral_entropy', 'effective_rank', 'participation_ratio']) {
      const expected = reference.tensors[t.name].metrics[field]
      assert.ok(rel(t[field], expected) < 1e-10, `${t.name} ${field}: ${t[field]} vs ${expected}`)
    }
  }
}

/** The cache entry (json, f64) of one tensor under one view. */
function entryOf(cache: string, tensor: string, view = 'matrix') {
  for (const f of readdirSync(cache).filter((n) => n.endsWith('.json'))) {
    const meta = JSON.parse(readFileSync(join(cache, f), 'utf8'))
    if (meta.tensor === tensor && meta.view === view) return {meta, data: join(cache, f.replace(/\.json$/, '.f64'))}
  }
  throw new Error(`no entry for ${tensor} (${view})`)
}

const kappaPlan = (cache: string, path = model, extra: string[] = []) =>
  runCliJson(['kappa', 'plan', path, '--cache', cache, ...extra]).json
const spectral = (cache: string, path = model) =>
  runCliJson(['spectral', 'analyze', path, '--cache', cache, '--min-evals', '1']).json

test('a second run reads every spectrum from the cache and does zero solves, with identical results', () => {
  const cache = tempDir()
  const first = kappaPlan(cache)
  assert.deepEqual(first.result.compute, {
    ...first.result.compute,
    solves: MATRICES,
    cache_hits: 0,
    cache_hits_gram: 0,
    gram_rejected: 0,
    cache,
  })
  const second = kappaPlan(cache, model, ['--count', '3'])
  assertMatchesSchema(second, 'kappa.schema.json')
  // kappa solves Gram-first: the entries whose Gram σ passed the 1e-9 accuracy test are stored as such and
  // counted as Gram hits on the second run; the rest were solved (and stored) by SVD
  const gramEntries = readdirSync(cache)
    .filter((n) => n.endsWith('.json'))
    .filter((n) => JSON.parse(readFileSync(join(cache, n), 'utf8')).method === 'eigvalsh-gram').length
  assert.ok(gramEntries > 0 && gramEntries < 23, `${gramEntries} Gram entries`)
  assert.deepEqual(second.result.compute, {
    ...second.result.compute,
    solves: 0,
    cache_hits: 23,
    cache_hits_gram: gramEntries,
  })
  assert.deepEqual(kappas(second), kappas(first))
})

test('a flipped byte or a truncated cache entry is recomputed, not trusted: same results as the first run', () => {
  const cache = tempDir()
  const first = kappaPlan(cache)
  // flip the lowest mantissa bit of one σ of a fused MoE entry: a plausible value, caught only by the checksum
  const moe = entryOf(cache, 'model.layers.2.mlp.experts.down_proj', 'experts')
  const bytes = readFileSync(moe.data)
  bytes[8 * 5] ^= 0x01
  writeFileSync(moe.data, bytes)
  truncateSync(entryOf(cache, 'lm_head.weight').data, 12)
  const again = kappaPlan(cache)
  assert.equal(again.result.compute.cache_hits, 21)
  assert.equal(again.result.compute.solves, 4 + 1)
  assert.deepEqual(kappas(again), kappas(first))
  assertReferenceKappas(again)
  // the damaged entries were rewritten: a third run solves nothing
  assert.equal(kappaPlan(cache).result.compute.solves, 0)
})

test('spectral analyze then kappa plan on a well-conditioned 2-D-only checkpoint: kappa does zero solves', async () => {
  const dir = tempDir()
  const path = join(dir, 'two-d.safetensors')
  const source = await openSafetensors(model)
  const copied: TensorToWrite[] = []
  for (const t of source.tensors) {
    if (t.shape.length !== 2 || t.dtype === 'I64' || ILL_CONDITIONED.includes(t.name)) continue
    copied.push({
      name: t.name,
      dtype: t.dtype as TensorToWrite['dtype'],
      shape: t.shape,
      bytes: await source.readBytes(t),
    })
  }
  await source.close()
  writeSafetensors(path, copied) // the same bytes as in the fixture, so reference.json applies
  const cache = tempDir()
  const esd = spectral(cache, path)
  assert.deepEqual(esd.result.cache, {dir: cache, solved: copied.length, cached: 0})
  const plan = kappaPlan(cache, path)
  const candidates = copied.length - 1 // the embedding table is not a KappaTune candidate
  assert.deepEqual(plan.result.compute, {
    ...plan.result.compute,
    solves: 0,
    cache_hits: candidates,
    cache_hits_gram: candidates,
    gram_rejected: 0,
  })
  assertReferenceKappas(plan)
  // and the reverse order: kappa's SVD entries serve spectral (only the embedding, which kappa skips, is solved)
  const cache2 = tempDir()
  assert.equal(kappaPlan(cache2, path).result.compute.solves, candidates)
  assert.deepEqual(spectral(cache2, path).result.cache, {dir: cache2, solved: 1, cached: candidates})
})

test('full fixture with a 4-D conv and ill-conditioned tensors: views never collide, κ and ESDs stay correct', () => {
  const cache = tempDir()
  const first = spectral(cache)
  assert.deepEqual(first.result.cache, {dir: cache, solved: 22, cached: 0})
  const plan = kappaPlan(cache)
  // reused: 17 well-conditioned 2-D candidates from spectral's Gram entries, and 2 of the 3 ill-conditioned ones,
  // which spectral itself solved by SVD (the Gram could not resolve their small singular values: method 'svd');
  // solved: the third ill-conditioned one (its Gram entry resolved to spectral's 1e-6 but not to kappa's 1e-8,
  // so rejected and replaced by SVD values), the conv tensor under kappa's own view, and the fused MoE experts
  assert.deepEqual(plan.result.compute, {
    ...plan.result.compute,
    solves: 1 + 1 + 8,
    cache_hits: 17 + 2,
    cache_hits_gram: 17,
    gram_rejected: 1,
  })
  for (const name of ILL_CONDITIONED) assert.equal(entryOf(cache, name).meta.method, 'svd')
  assert.equal(entryOf(cache, CONV, 'conv2d-slices').meta.method, 'eigvalsh-gram')
  // kappa's own view of the conv tensor is well-conditioned: solved Gram-first, accepted
  assert.equal(entryOf(cache, CONV, 'reshape-2d').meta.method, 'eigvalsh-gram')
  assertReferenceKappas(plan)
  const second = spectral(cache)
  assertMatchesSchema(second, 'spectral.schema.json')
  assert.deepEqual(second.result.cache, {dir: cache, solved: 0, cached: 22})
  const layer = (json: any, name: string) => json.result.layers.find((l: any) => l.name === name)
  // spectral's own conv entry came back (λ = (√λ)² to the last bits), not kappa's reshape of the tensor
  for (const [field, value] of Object.entries<any>(layer(first, CONV))) {
    const got = layer(second, CONV)[field]
    if (typeof value === 'number' && !Number.isInteger(value))
      assert.ok(rel(got, value) < 1e-12, `${CONV} ${field}: ${got} vs ${value}`)
    else assert.deepEqual(got, value, `${CONV} ${field}`)
  }
  for (const [name, expected] of Object.entries<any>(esdReference)) {
    const got = layer(second, name)
    assert.equal(got.layer_type, expected.layer_type, name)
    assert.equal(got.num_evals, expected.num_evals, name)
    for (const field of ['lambda_max', 'norm', 'sv_max'])
      assert.ok(rel(got[field], expected[field]) < 1e-9, `${name} ${field}: ${got[field]} vs ${expected[field]}`)
    // σmin of the κ = 1e8 tensor carries the solver's κ·ε-level error: the κ tolerance, 1e-8
    // (the TypeScript SVD lands at ~3e-9 here, LAPACK closer)
    assert.ok(rel(got.sv_min, expected.sv_min) < 1e-8, `${name} sv_min: ${got.sv_min} vs ${expected.sv_min}`)
  }
})

test('a Gram-eigenvalue entry above the accuracy limit is not used for kappa; one below it is', async () => {
  const cache = tempDir()
  const sha = createHash('sha256').update(readFileSync(model)).digest('hex')
  const key = {fileSha256: sha, tensor: 'lm_head.weight', shape: [64, 16], dtype: 'F32', view: 'matrix' as const}
  await putCachedSingularValues(
    key,
    Float64Array.from({length: 16}, (_, i) => 10 ** (-i / 3)),
    'eigvalsh-gram',
    {dir: cache},
  )
  const run = kappaPlan(cache)
  assert.deepEqual(run.result.compute, {...run.result.compute, solves: MATRICES, cache_hits: 0, gram_rejected: 1})
  assertReferenceKappas(run)
  // a verified Gram entry with κ = 2 is trusted (it is what spectral would have stored for such a matrix)
  await putCachedSingularValues(
    key,
    Float64Array.from({length: 16}, (_, i) => 2 - i / 15),
    'eigvalsh-gram',
    {dir: cache},
  )
  const head = kappaPlan(cache).result.tensors.find((t: any) => t.name === 'lm_head.weight')
  assert.ok(rel(head.kappa, 2) < 1e-15)
})
