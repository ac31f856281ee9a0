/**
 * `kappa plan` on square matrices the Gram cannot resolve: the Gram's σ with the small end re-solved from an LU
 * factorization (core/linalg/gram-first.ts). Planted F64 spectra (W = H₁·diag(σ)·H₂, σ known in closed form) give
 * the expected κ, σ_min and log-volume independently of any solver; the report counts the routes, the cache
 * records them, and a second run reads the same values back without solving.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {writeSafetensors} from '../../../../src/core/safetensors/index.js'
import {plantedSingular} from '../../../core/linalg/reference-fixture.js'
import {runCliJson, tempDir} from '../../../helpers/cli.js'

/** 140 values between 1 and 0.5, then 10 falling geometrically to 1/κ. */
const kappa = 2e4
const sigma = Float64Array.from({length: 150}, (_, i) =>
  i < 140 ? 1 - i / 280 : 0.5 * (2 / kappa) ** ((i - 139) / 10),
)
const wide = Float64Array.from({length: 40}, (_, i) => 2 - i / 40)

test('square κ = 2e4: route gram-lu, κ, σ_min and log-volume as planted; cached for the next run', () => {
  const dir = tempDir('infolens-kappa-gram-lu-')
  const file = join(dir, 'model.safetensors')
  writeSafetensors(file, [
    {
      name: 'model.layers.0.self_attn.q_proj.weight',
      dtype: 'F64',
      shape: [150, 150],
      data: plantedSingular(150, 150, sigma, 3),
    },
    {
      name: 'model.layers.0.self_attn.k_proj.weight',
      dtype: 'F64',
      shape: [40, 150],
      data: plantedSingular(40, 150, wide, 5),
    },
  ])
  const args = ['kappa', 'plan', file, '--cache', join(dir, 'cache'), '--out', join(dir, 'plan.json')]
  const {json, result} = runCliJson(args)
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(json.result.compute.routes, {gram: 1, gram_lu: 1, svd: 0})
  const q = json.result.tensors.find((t: any) => t.name.endsWith('q_proj.weight'))
  const rel = (a: number, b: number) => Math.abs(a / b - 1)
  assert.ok(rel(q.kappa, kappa) < 1e-8, `κ ${q.kappa}`)
  assert.ok(rel(q.sigma_min, sigma[149]) < 1e-9, `σ_min ${q.sigma_min}`)
  const logVolume = sigma.reduce((s, x) => s + Math.log(x), 0)
  assert.ok(Math.abs(q.log_volume - logVolume) < 1e-9 * 150, `log-volume ${q.log_volume} vs ${logVolume}`)

  const again = runCliJson(args)
  assert.equal(again.result.status, 0, again.result.stderr)
  assert.equal(again.json.result.compute.solves, 0)
  assert.equal(again.json.result.compute.cache_hits, 2)
  const q2 = again.json.result.tensors.find((t: any) => t.name.endsWith('q_proj.weight'))
  assert.equal(q2.kappa, q.kappa)
})
