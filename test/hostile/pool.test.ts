/**
 * The linear-algebra pool's failure path under repetition (issue 18, item 4). A NaN tensor failing on one
 * worker while another finishes used to end the process with exit 13 and an empty stderr about 1 run in 5:
 * close() awaited terminate() on a worker that the late reply had just unref'd. Every run must now surface
 * the one-line error with exit 2.
 */
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, it} from 'node:test'
import {InputError} from '../../src/core/errors.js'
import {createLinalgPool} from '../../src/core/linalg/pool.js'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {runCli, tempDir} from '../helpers/cli.js'

const RUNS = 20
const good = () => Float32Array.from({length: 120 * 90}, (_, i) => Math.sin(i * 0.37))
const bad = () => {
  const w = new Float32Array(12).fill(1)
  w[5] = Number.NaN
  return w
}

describe('linalg pool: a failing task among others, repeated', () => {
  it(`${RUNS} pools in-process: the typed error every time, close() settles`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const pool = createLinalgPool({threads: 2})
      const results = await Promise.allSettled([
        pool.eigvalsGram(good(), 120, 90, 'good'),
        pool.eigvalsGram(bad(), 3, 4, 'bad.weight'),
        pool.svdvals(good(), 120, 90),
      ])
      await pool.close()
      const failure = results[1]
      assert.equal(failure.status, 'rejected', `run ${run}`)
      assert.ok((failure as PromiseRejectedResult).reason instanceof InputError, `run ${run}`)
      assert.equal(results[0].status, 'fulfilled', `run ${run}`)
    }
  })

  it('tasks still queued at close() are rejected, not left pending', async () => {
    const pool = createLinalgPool({threads: 1})
    const pending = Promise.allSettled([1, 2, 3].map(() => pool.eigvalsGram(good(), 120, 90)))
    await pool.close()
    const settled = await pending
    assert.ok(settled.every((s) => s.status === 'fulfilled' || s.reason instanceof Error))
  })

  it(`${RUNS} processes whose last work is the failing pool all exit 0 with the error handled (was exit 13)`, () => {
    const dir = tempDir()
    const script = join(dir, 'fail-then-close.mjs')
    const poolJs = pathToFileURL(new URL('../../dist/core/linalg/pool.js', import.meta.url).pathname).href
    writeFileSync(
      script,
      `import {createLinalgPool} from '${poolJs}'
const pool = createLinalgPool({threads: 2})
const good = Float32Array.from({length: 200 * 150}, (_, i) => Math.sin(i))
const bad = new Float32Array(12).fill(1)
bad[5] = NaN
try {
  await Promise.all([pool.eigvalsGram(good, 200, 150, 'good'), pool.eigvalsGram(bad, 3, 4, 'bad')])
} catch (e) {
  await pool.close()
  process.stdout.write('handled: ' + e.message + '\\n')
}
`,
    )
    const codes: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const r = spawnSync(process.execPath, [script], {encoding: 'utf8', timeout: 60_000})
      codes.push(r.status ?? -1)
      assert.match(r.stdout, /^handled: expected finite values, found NaN/, `run ${run}: exit ${r.status} ${r.stderr}`)
    }
    assert.deepEqual(codes, Array(RUNS).fill(0))
  })
})

describe('spectral analyze --threads 2 on a checkpoint with a NaN tensor', () => {
  const dir = tempDir()
  const model = join(dir, 'nan.safetensors')
  const nan = Float32Array.from({length: 40 * 30}, (_, i) => Math.cos(i))
  nan[77] = Number.NaN
  const inf = Float32Array.from({length: 40 * 30}, (_, i) => Math.cos(i))
  inf[5] = Number.POSITIVE_INFINITY
  writeSafetensors(model, [
    {name: 'a.weight', dtype: 'F32', shape: [120, 90], data: good()},
    {name: 'b.weight', dtype: 'F32', shape: [40, 30], data: nan},
    {name: 'c.weight', dtype: 'F32', shape: [120, 90], data: good()},
    {name: 'd.weight', dtype: 'F32', shape: [40, 30], data: inf},
  ])
  for (let run = 0; run < 4; run++) {
    it(`run ${run}: exit 2, one line naming the file and a bad tensor`, () => {
      const r = runCli(['spectral', 'analyze', model, '--threads', '2', '--no-cache', '--quiet'])
      assert.equal(r.status, 2, `exit ${r.status}, stderr: ${JSON.stringify(r.stderr)}`)
      assert.match(
        r.stderr,
        /^infolens: error: [^\n]*nan\.safetensors: [bd]\.weight: expected finite values, found (NaN|Inf)[^\n]*\n$/,
      )
    })
  }
})
