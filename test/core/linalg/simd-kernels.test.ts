import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {describe, it} from 'node:test'
import {rankUpdate, symmetricRankUpdate} from '../../../src/core/linalg/rank-update.js'
import {allocateFloat64, simdKernelsFor, simdStatus} from '../../../src/core/linalg/simd-kernels.js'
import {assertCloseToScale, lcg} from './reference-fixture.js'

/** Arrays of the given lengths filled with the same pseudo-random values, once plain and once in a wasm memory. */
function twins(seed: number, ...lengths: number[]): {plain: Float64Array[]; wasm: Float64Array[]} {
  const rnd = lcg(seed)
  const plain = lengths.map((l) => Float64Array.from({length: l}, () => rnd()))
  const wasm = allocateFloat64(...lengths)
  for (const [i, w] of wasm.entries()) w.set(plain[i])
  return {plain, wasm}
}

/** The comparisons need the kernels; with INFOLENS_WASM=off (the CI run of the TypeScript loops) they are skipped visibly. */
const needsSimd = {skip: simdStatus() === 'wasm-simd' ? false : `WebAssembly SIMD kernels ${simdStatus()}`}

describe('WebAssembly SIMD kernels', () => {
  it('the committed binary is the assembled dot-kernels.wat', () => {
    const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], {encoding: 'utf8'})
    assert.equal(r.status, 0, r.stderr)
  })

  it('are active on this Node unless INFOLENS_WASM=off, which disables them', () => {
    assert.equal(simdStatus(), process.env.INFOLENS_WASM === 'off' ? 'disabled' : 'wasm-simd')
    const script =
      "import('./src/core/linalg/simd-kernels.ts').then((m) => console.log(m.simdStatus(), m.simdKernelsFor(m.allocateFloat64(4)[0]) === undefined))"
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      env: {...process.env, INFOLENS_WASM: 'off'},
    })
    assert.equal(r.stdout.trim(), 'disabled true', r.stderr)
  })

  it('only arrays that share one wasm memory get the kernels', needsSimd, () => {
    const [a, b] = allocateFloat64(10, 10)
    const [c] = allocateFloat64(10)
    assert.ok(simdKernelsFor(a, b))
    assert.equal(simdKernelsFor(a, c), undefined)
    assert.equal(simdKernelsFor(a, new Float64Array(10)), undefined)
  })

  // n = 261: ragged 2-row strips and 4-column blocks, three 128-column tiles; t0 = 3 offsets the dot products
  for (const [n, ld, t0, len] of [
    [261, 64, 0, 64],
    [261, 70, 3, 66],
    [5, 8, 2, 4],
  ]) {
    it(
      `symmetric rank-${len} update of ${n}x${n} equals the TypeScript loop, lower triangle untouched`,
      needsSimd,
      () => {
        const {plain, wasm} = twins(n + len, n * n, n * ld, n * ld)
        assert.ok(simdKernelsFor(...wasm))
        symmetricRankUpdate(plain[0], n, 2, n, plain[1], plain[2], ld, t0, len, -1)
        symmetricRankUpdate(wasm[0], n, 2, n, wasm[1], wasm[2], ld, t0, len, -1)
        assertCloseToScale(wasm[0], plain[0], 1e-14, 'upper')
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(wasm[0][i * n + j], plain[0][i * n + j])
      },
    )
  }

  it('rectangular rank-64 update (131 x 150 block of a 170 x 160 matrix) equals the TypeScript loop', needsSimd, () => {
    const [rows, cols, ld] = [170, 160, 64]
    const {plain, wasm} = twins(7, rows * cols, rows * ld, cols * ld)
    rankUpdate(plain[0], cols, 39, rows, 10, cols, plain[1], plain[2], ld, 0, ld, -1)
    rankUpdate(wasm[0], cols, 39, rows, 10, cols, wasm[1], wasm[2], ld, 0, ld, -1)
    assertCloseToScale(wasm[0], plain[0], 1e-14, 'c')
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) if (i < 39 || j < 10) assert.equal(wasm[0][i * cols + j], plain[0][i * cols + j])
  })
})
