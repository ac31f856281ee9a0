import assert from 'node:assert/strict'
import {createRequire} from 'node:module'
import {describe, it} from 'node:test'
import {InputError} from '../../../src/core/errors.js'
import {probeBackends, selectEngine, tensorflow} from '../../../src/core/engine/tensor-engine.js'
import {gramMatrix} from '../../../src/core/linalg/gram.js'
import {gramFloat32} from '../../../src/core/tensor/gram-float32.js'
import {pairwiseDistances} from '../../../src/core/tensor/pairwise-distances.js'
import {lcg} from '../linalg/reference-fixture.js'

/** float32 accumulation: formats-and-engine.md §2.4 (~1e-6 relative, never 1e-12). */
const F32_TOL = 1e-5
const require = createRequire(import.meta.url)
const isInstalled = (pkg: string) => {
  try {
    require.resolve(pkg)
    return true
  } catch {
    return false
  }
}
const tfjsNodeHere = isInstalled('@tensorflow/tfjs-node') || isInstalled('@tensorflow/tfjs-node-gpu')

describe('engine selection', () => {
  it('probes all four backends and says why one does not load', async () => {
    const probes = await probeBackends()
    assert.deepEqual(
      probes.map((p) => p.name),
      ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'],
    )
    assert.equal(probes.find((p) => p.name === 'wasm')!.loaded, true)
    assert.equal(probes.find((p) => p.name === 'cpu')!.loaded, true)
    for (const p of probes.filter((x) => !x.loaded))
      assert.match(p.detail, /not installed; to add it: npm install @tensorflow\/tfjs-node/)
  })

  it(
    'auto falls back to wasm here and reports it with the linalg implementation',
    {skip: tfjsNodeHere ? 'tfjs-node is installed here' : false},
    async () => {
      const warnings: string[] = []
      const info = await selectEngine({backend: 'auto', threads: 3, onWarning: (l) => warnings.push(l)})
      assert.equal(info.backend, 'wasm')
      assert.equal(info.threads, 3)
      assert.match(info.lapack, /^(lapack|typescript)$/)
      assert.equal(info.tfjsVersion, require('@tensorflow/tfjs-core/package.json').version)
      assert.deepEqual(warnings, [], 'absent optional peers are not warnings')
      assert.equal((await tensorflow()).getBackend(), 'wasm')
    },
  )

  it('--backend cpu forces the cpu backend', async () => {
    assert.equal((await selectEngine({backend: 'cpu'})).backend, 'cpu')
    assert.equal((await tensorflow()).getBackend(), 'cpu')
    assert.equal((await selectEngine({backend: 'wasm'})).backend, 'wasm')
  })

  it(
    '--backend tensorflow fails with an InputError naming the backend and how to install it',
    {skip: tfjsNodeHere ? 'tfjs-node is installed here' : false},
    async () => {
      await assert.rejects(selectEngine({backend: 'tensorflow'}), (e: unknown) => {
        assert.ok(e instanceof InputError)
        assert.equal(e.field, '--backend')
        assert.match(
          e.oneLine,
          /^--backend: backend tensorflow is not available \(.*\); to install it: npm install @tensorflow\/tfjs-node@/,
        )
        assert.doesNotMatch(e.oneLine, /\n/)
        return true
      })
    },
  )
})

describe('float32 tensor helpers', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`gramFloat32 agrees with the float64 Gram to float32 precision [${backend}]`, async () => {
      await selectEngine({backend})
      for (const [rows, cols] of [
        [50, 30],
        [30, 50],
      ]) {
        const rnd = lcg(rows + cols)
        const w = Float32Array.from({length: rows * cols}, () => rnd())
        const {g, n} = await gramFloat32(w, rows, cols)
        const ref = gramMatrix(w, rows, cols)
        assert.equal(n, 30)
        let scale = 0
        let err = 0
        for (let i = 0; i < ref.length; i++) {
          scale = Math.max(scale, Math.abs(ref[i]))
          err = Math.max(err, Math.abs(g[i] - ref[i]))
        }
        assert.ok(err / scale < F32_TOL, `relative error ${err / scale}`)
      }
    })

    it(`pairwiseDistances matches direct differences, batched [${backend}]`, async () => {
      await selectEngine({backend})
      const [batch, n, dim] = [2, 17, 3]
      const rnd = lcg(5)
      const p = Float32Array.from({length: batch * n * dim}, () => 10 * rnd())
      const d = await pairwiseDistances(p, batch, n, dim)
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0
            for (let k = 0; k < dim; k++) s += (p[(b * n + i) * dim + k] - p[(b * n + j) * dim + k]) ** 2
            const got = d[(b * n + i) * n + j]
            assert.ok(Math.abs(got - Math.sqrt(s)) <= 1e-5 * Math.max(1, Math.sqrt(s)), `d[${b},${i},${j}]`)
          }
        }
      }
    })
  }
})
