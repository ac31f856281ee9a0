/** Other similarity sources: precomputed matrices reproduce the embedding path; the lexical embedder needs no embeddings. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

const lines = readFileSync(new URL('../../../fixtures/uq/dataset.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 4)

/** |cos| matrix written out independently of the kernels. */
function absCos(vectors: number[][]): number[][] {
  const unit = vectors.map((v) => v.map((x) => x / Math.hypot(...v)))
  return unit.map((a, i) => unit.map((b, j) => (i === j ? 1 : Math.abs(a.reduce((s, x, k) => s + x * b[k], 0)))))
}

test('--similarity precomputed with |cos| matrices equals the embedding path (1e-12)', () => {
  const dir = tempDir('infolens-uq-pre-')
  const items = lines.map((l) => {
    const it = JSON.parse(l)
    for (const run of it.runs) {
      run.inputSimilarity = absCos(run.inputs.map((x: any) => x.embedding))
      run.responseSimilarity = absCos(run.inputs.flatMap((x: any) => x.responses.map((y: any) => y.embedding)))
      for (const x of run.inputs) {
        delete x.embedding
        for (const y of x.responses) delete y.embedding
      }
    }
    return JSON.stringify(it)
  })
  const pre = join(dir, 'pre.jsonl')
  const emb = join(dir, 'emb.jsonl')
  writeFileSync(pre, items.join('\n'))
  writeFileSync(emb, lines.join('\n'))
  const a = runCliJson(['uq', 'score', pre, '--similarity', 'precomputed', '--seed', '3']).json
  const b = runCliJson(['uq', 'score', emb, '--seed', '3']).json
  assertMatchesSchema(a, 'uq.schema.json')
  a.result.rows.forEach((row: any, i: number) => {
    for (const m of [
      'inv_entropy',
      'ni_entropy',
      'wd_px_py',
      'max_py_given_x',
      'max_py',
      'nr_inv_entropy',
      'degmat',
      'eigv',
      'kle',
    ]) {
      assert.ok(Math.abs(row[m] - b.result.rows[i][m]) < 1e-12, `${m}: ${row[m]} vs ${b.result.rows[i][m]}`)
    }
  })
})

test('--embedder lexical scores items that carry no embeddings; identical answers give the minimal-dispersion DegMat 0', () => {
  const item = {
    id: 'q1',
    runs: [
      {
        temperature: 0.7,
        inputs: [
          {
            text: 'Who wrote Babbitt?',
            responses: [{text: 'Sinclair Lewis'}, {text: 'Sinclair Lewis'}, {text: 'Sinclair Lewis'}],
          },
          {
            text: 'Which author wrote the novel Babbitt?',
            responses: [{text: 'Sinclair Lewis'}, {text: 'Upton Sinclair'}],
          },
        ],
      },
    ],
  }
  const file = join(tempDir('infolens-uq-lex-'), 'lex.jsonl')
  writeFileSync(file, JSON.stringify(item) + '\n')
  const {json, result} = runCliJson(['uq', 'score', file, '--embedder', 'lexical'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq.schema.json')
  const row = json.result.rows[0]
  assert.equal(row.draws, 6)
  assert.ok(Math.abs(row.degmat) < 1e-12)
  assert.equal(row.lexsim, -1)
  assert.ok(row.inv_entropy > 0 && row.inv_entropy <= Math.log(2) + 1e-12)
})

test('demo uq writes files that score, evaluate and tsu accept', () => {
  const dir = tempDir('infolens-uq-demo-')
  const demo = runCliJson([
    'demo',
    'uq',
    dir,
    '--items',
    '12',
    '--inputs',
    '3',
    '--responses',
    '2',
    '--dim',
    '6',
    '--temperatures',
    '0.3,1.4',
  ])
  assert.equal(demo.result.status, 0, demo.result.stderr)
  assertMatchesSchema(demo.json, 'uq-demo.schema.json')
  const ev = runCliJson(['uq', 'evaluate', join(dir, 'items.jsonl'), '--bootstrap', '5'])
  assert.equal(ev.result.status, 0, ev.result.stderr)
  assert.equal(ev.json.result.items, 12)
  const tsu = runCliJson(['uq', 'tsu', join(dir, 'items-tsu.jsonl')])
  assert.equal(tsu.result.status, 0, tsu.result.stderr)
  assert.deepEqual(tsu.json.result.temperatures, [0.3, 1.4])
})
