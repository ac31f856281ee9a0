/**
 * Finite weights whose squares overflow float64 (|w| ≈ 1e200): the Gram of W is Inf. `kappa plan` only uses the
 * Gram as a shortcut, so it takes the SVD (which rescales) and gets the κ of the same matrix scaled to unit size;
 * `spectral analyze` reports eigenvalues of WᵀW, which cannot be represented, so it refuses with one line naming
 * the tensor (exit 2, no stack trace, nothing written). Before, both stopped on "LAPACKE_dsyevd failed" (exit 1).
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson, tempDir} from '../helpers/cli.js'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'

const dir = tempDir('infolens-huge-')
const n = 48
const unit = Float64Array.from({length: n * n}, (_, i) => (((i * 7919) % 13) - 6) / 6 + (i % (n + 1) === 0 ? 3 : 0))
const name = 'model.layers.0.self_attn.q_proj.weight'
const write = (file: string, scale: number) =>
  writeSafetensors(file, [{name, dtype: 'F64', shape: [n, n], data: unit.map((x) => x * scale)}])
const [huge, plain] = [join(dir, 'huge.safetensors'), join(dir, 'plain.safetensors')]
write(huge, 1e200)
write(plain, 1)

test('kappa plan on 1e200-sized weights: the SVD route, κ as for the same matrix at unit scale', () => {
  const big = runCliJson(['kappa', 'plan', huge, '--no-cache'])
  assert.equal(big.result.status, 0, big.result.stderr)
  assert.deepEqual(big.json.result.compute.routes, {gram: 0, gram_lu: 0, svd: 1})
  const small = runCliJson(['kappa', 'plan', plain, '--no-cache'])
  assert.equal(small.result.status, 0, small.result.stderr)
  const [a, b] = [big.json.result.tensors[0].kappa, small.json.result.tensors[0].kappa]
  assert.ok(Math.abs(a / b - 1) < 1e-10, `${a} vs ${b}`)
})

test('spectral analyze on 1e200-sized weights: one line naming the tensor, exit 2, nothing written', () => {
  const out = join(dir, 'esd.json')
  const r = runCli(['spectral', 'analyze', huge, '--no-cache', '--quiet', '--out', out])
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, new RegExp(`huge.safetensors: ${name.replaceAll('.', '\\.')}: entries too large`))
  assert.doesNotMatch(r.stderr, /\n\s+at /)
  assert.equal(existsSync(out), false)
})
