import {test} from 'node:test'
import assert from 'node:assert/strict'
import {correctlyRoundedLog, slowCorrectlyRoundedLog} from '../../../src/core/special/correctly-rounded-log.js'
import {NumpyRandomState} from '../../../src/core/random/numpy-mt19937.js'

// The fast (table + Ziv test) path must return exactly what the double-double evaluation returns;
// that evaluation itself is checked against NumPy's normals in numpy-random-state.test.ts.
test('fast log path equals the double-double evaluation bit for bit', () => {
  const rng = new NumpyRandomState(2024)
  const inputs: number[] = []
  for (let k = 0; k < 150_000; k++) {
    const a = 2 * rng.rand() - 1,
      b = 2 * rng.rand() - 1 // the polar method's r² values
    inputs.push(a * a + b * b)
  }
  for (let k = 0; k < 50_000; k++) inputs.push(rng.rand() * 10 ** (rng.rand() * 600 - 300))
  // Neighbourhoods of the table points j/256, of 1 and of the reduction bounds √½, √2.
  const f = new Float64Array(1)
  const u = new BigInt64Array(f.buffer)
  for (const centre of [1, 0.5, 2, Math.SQRT1_2, Math.SQRT2, ...Array.from({length: 200}, (_, j) => (170 + j) / 256)]) {
    f[0] = centre
    const base = u[0]
    for (let d = -40n; d <= 40n; d++) {
      u[0] = base + d
      inputs.push(f[0])
    }
  }
  let checked = 0
  for (const x of inputs) {
    if (!(x > 0) || x === Infinity) continue
    const fast = correctlyRoundedLog(x)
    const slow = slowCorrectlyRoundedLog(x)
    if (!Object.is(fast, slow)) assert.fail(`log(${x}): fast ${fast} vs double-double ${slow}`)
    checked++
  }
  assert.ok(checked > 200_000)
  // and the result is a faithful log (within 1 ulp of Math.log)
  for (const x of [0.1, 0.5, 0.999, 1e-300, 7.5])
    assert.ok(Math.abs(correctlyRoundedLog(x) - Math.log(x)) <= Math.abs(Math.log(x)) * 2.3e-16)
})
