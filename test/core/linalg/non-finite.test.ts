import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {InputError} from '../../../src/core/errors.js'
import {eigvalsh, gram, svdvals} from '../../../src/core/linalg/index.js'
import {createLinalgPool} from '../../../src/core/linalg/pool.js'

describe('NaN/Inf input is an InputError naming the tensor', () => {
  const bad = (v: number) => {
    const a = new Float64Array(12).fill(1)
    a[7] = v
    return a
  }
  for (const [label, v, what] of [
    ['NaN', Number.NaN, 'NaN'],
    ['+Inf', Infinity, 'Inf'],
    ['-Inf', -Infinity, '-Inf'],
  ] as const) {
    it(`${label} in eigvalsh / svdvals / gram`, () => {
      const check = (e: unknown) => {
        assert.ok(e instanceof InputError)
        assert.equal(e.field, 'model.layers.0.mlp.weight')
        assert.match(
          e.oneLine,
          new RegExp(
            `^model\\.layers\\.0\\.mlp\\.weight: expected finite values, found ${what.replace('+', '\\+')} at \\[1, 3\\]$`,
          ),
        )
        return true
      }
      assert.throws(() => svdvals(bad(v), 3, 4, 'model.layers.0.mlp.weight'), check)
      assert.throws(() => gram(bad(v), 3, 4, 'model.layers.0.mlp.weight'), check)
      const sq = new Float64Array(16).fill(1)
      sq[7] = v
      assert.throws(
        () => eigvalsh(sq, 4, 'model.layers.0.mlp.weight'),
        (e: unknown) => e instanceof InputError && /found .*Inf|NaN/.test(e.message),
      )
    })
  }

  it('through the worker pool, the typed error crosses the thread boundary', async () => {
    const pool = createLinalgPool({threads: 2})
    try {
      const a = new Float32Array(12).fill(1)
      a[5] = Number.NaN
      await assert.rejects(
        pool.eigvalsGram(a, 3, 4, 'lm_head.weight'),
        (e: unknown) =>
          e instanceof InputError && e.oneLine === 'lm_head.weight: expected finite values, found NaN at [1, 1]',
      )
      await assert.rejects(pool.svdvals(a, 3, 4, {name: 'lm_head.weight'}), InputError)
    } finally {
      await pool.close()
    }
  })

  it('rejects a bad shape', () => {
    assert.throws(() => svdvals(new Float64Array(4), 0, 4, 'w'), InputError)
    assert.throws(() => svdvals(new Float64Array(4), 3, 4, 'w'), /expected 3x4 = 12 values, got 4/)
  })
})
