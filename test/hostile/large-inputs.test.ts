/**
 * Inputs far larger than the fixtures (issue 18, item 5 and its class): terminal tables stay bounded and linear,
 * and no code spreads a data-sized array into a call (`Math.min(...rows)` overflows the stack near 10^5 values).
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, tempDir} from '../helpers/cli.js'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {MAX_TERMINAL_TENSORS} from '../../src/core/checkpoint/checkpoint-table.js'

const dir = tempDir()

test('credit score on 300,000 rows: min and max without spreading the rows into Math.min', () => {
  let seed = 5
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const lines = ['a,b,y']
  for (let i = 0; i < 300_000; i++) lines.push(`${rnd().toFixed(4)},${'xyz'[i % 3]},${rnd() < 0.3 ? 1 : 0}`)
  const data = join(dir, 'rows.csv')
  writeFileSync(data, lines.join('\n') + '\n')
  const [bins, card] = [join(dir, 'bins.json'), join(dir, 'card.json')]
  assert.equal(runCli(['credit', 'bin', data, '--target', 'y', '--out', bins, '--quiet']).status, 0)
  assert.equal(
    runCli(['credit', 'scorecard', data, '--target', 'y', '--bins', bins, '--out', card, '--quiet']).status,
    0,
  )
  const r = runCli(['credit', 'score', data, '--card', card])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /rows\s+│ 300000/)
})

test('checkpoint inspect on 5,000 tensors prints a bounded table and counts the rest', () => {
  const model = join(dir, 'many.safetensors')
  const tensors = Array.from({length: 5000}, (_, i) => ({
    name: `model.experts.${i}.weight`,
    dtype: 'F32' as const,
    shape: [2, 2],
    data: new Float32Array(4),
  }))
  writeSafetensors(model, tensors)
  const r = runCli(['checkpoint', 'inspect', model])
  assert.equal(r.status, 0, r.stderr)
  const rows = r.stdout.split('\n').filter((l) => l.includes('model.experts.'))
  assert.equal(rows.length, MAX_TERMINAL_TENSORS)
  assert.match(r.stdout, new RegExp(`${5000 - MAX_TERMINAL_TENSORS} more tensor\\(s\\) not shown`))
  assert.match(r.stdout, /tensors\s+│ 5000/)
})
