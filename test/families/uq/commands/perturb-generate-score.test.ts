/**
 * End to end with no model and no network beyond loopback: uq perturb (GAAP over the committed
 * WordNet excerpt) → uq generate (loopback OpenAI-compatible TEST DOUBLE, embeddings + judge)
 * → uq score → uq evaluate; plus perturb's determinism, deletion-only mode and bad inputs.
 */
import {test, after, before} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {runCliAsync} from '../../../helpers/cli-async.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {startLoopbackServer, type LoopbackServer} from './openai-loopback-server.js'

const wordnet = new URL('../../../fixtures/uq/wordnet-mini', import.meta.url).pathname
// Certain facts (one answer) and uncertain ones (answers spread), one deliberately wrong reference.
const questions = [
  {id: 'babbitt', question: 'Who wrote the novel Babbitt?', reference: 'Sinclair Lewis'},
  {id: 'mockingbird', question: 'Who wrote the novel To Kill a Mockingbird?', reference: 'Harper Lee'},
  {id: 'everest', question: 'Which country has the summit of Everest?', reference: 'Nepal'},
  {id: 'gravity', question: 'Who discovered gravity?', reference: 'Isaac Newton'},
  {id: 'telephone', question: 'Who invented the telephone?', reference: 'Marie Curie'},
  {id: 'pyramid', question: 'Which pharaoh built the Great Pyramid of Giza?', reference: 'Khufu'},
]

let server: LoopbackServer
let dir: string
let qfile: string
before(async () => {
  server = await startLoopbackServer()
  dir = tempDir('infolens-uq-e2e-')
  qfile = join(dir, 'questions.jsonl')
  writeFileSync(qfile, questions.map((q) => JSON.stringify(q)).join('\n') + '\n')
})
after(() => server.close())

test('perturb → generate → score → evaluate', async () => {
  const perturbed = join(dir, 'perturbed.jsonl')
  const p = runCliJson([
    'uq',
    'perturb',
    qfile,
    perturbed,
    '--wordnet',
    wordnet,
    '--perturbations',
    '4',
    '--seed',
    '11',
  ])
  assert.equal(p.result.status, 0, p.result.stderr)
  assertMatchesSchema(p.json, 'uq-perturb.schema.json')
  assert.equal(p.json.result.lexicon.source, 'flag')
  assert.equal(p.json.result.perturbed, 6)
  const plines = readFileSync(perturbed, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  for (const [k, q] of plines.entries()) {
    assertMatchesSchema(q, 'uq-questions.schema.json')
    assert.equal(q.question, questions[k].question)
    assert.equal(q.perturbations.length, 4)
    assert.ok(q.perturbations.every((t: string) => t !== q.question))
  }
  assert.ok(
    plines[0].perturbations.some((t: string) => /compose|pen|indite|write|fiction/.test(t)),
    'WordNet substitutions used',
  )

  const items = join(dir, 'items.jsonl')
  const g = await runCliAsync([
    'uq',
    'generate',
    perturbed,
    items,
    '--endpoint',
    server.baseUrl,
    '--model',
    'loopback-llm',
    '--responses',
    '3',
    '--embedder',
    'openai',
    '--embedding-model',
    'loopback-emb',
    '--judge',
    '--concurrency',
    '6',
    '--json',
  ])
  assert.equal(g.status, 0, g.stderr)
  const gj = JSON.parse(g.stdout)
  assertMatchesSchema(gj, 'uq-generate.schema.json')
  assert.deepEqual(gj.result.perturbations, {fromFile: 6, paraphrased: 0, duplicated: 0})
  const generated = readFileSync(items, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  generated.forEach((item, k) => {
    assertMatchesSchema(item, 'uq-input.schema.json')
    assert.deepEqual(
      item.runs[0].inputs.map((x: any) => x.text),
      [questions[k].question, ...plines[k].perturbations],
    )
    assert.equal(item.runs[0].inputs[1].kind, 'gaap')
  })
  assert.equal(generated[0].correct, 1)
  assert.equal(generated[4].correct, 0, 'wrong reference → judged incorrect')

  const s = runCliJson(['uq', 'score', items, '--seed', '2'])
  assert.equal(s.result.status, 0, s.result.stderr)
  assertMatchesSchema(s.json, 'uq.schema.json')
  const rows = s.json.result.rows
  assert.deepEqual(
    rows.map((r: any) => r.id),
    questions.map((q) => q.id),
  )
  // The original question of a one-answer fact gets 3 identical answers → DegMat 0; spread answers → > 0.
  assert.ok(Math.abs(rows[0].degmat) < 1e-12, `degmat ${rows[0].degmat}`)
  assert.ok(rows[5].degmat > 0.05, `degmat ${rows[5].degmat}`)

  const e = runCliJson(['uq', 'evaluate', items, '--seed', '2', '--bootstrap', '10'])
  assert.equal(e.result.status, 0, e.result.stderr)
  assertMatchesSchema(e.json, 'uq-evaluate.schema.json')
  assert.equal(e.json.result.items, 6)
  const inv = e.json.result.measures.find((m: any) => m.measure === 'inv_entropy')
  assert.ok(inv.auroc >= 0 && inv.auroc <= 1)
})

test('perturb is deterministic for a seed and changes with it; deletion-only without WordNet is reported', () => {
  const a = join(dir, 'a.jsonl')
  const b = join(dir, 'b.jsonl')
  const c = join(dir, 'c.jsonl')
  for (const [out, seed] of [
    [a, '5'],
    [b, '5'],
    [c, '6'],
  ])
    assert.equal(runCli(['uq', 'perturb', qfile, out, '--wordnet', wordnet, '--seed', seed, '--quiet']).status, 0)
  assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'))
  assert.notEqual(readFileSync(a, 'utf8'), readFileSync(c, 'utf8'))
  const d = join(dir, 'd.jsonl')
  const r = runCliJson(['uq', 'perturb', qfile, d, '--wordnet', 'none', '--perturbations', '3'])
  assert.equal(r.result.status, 0, r.result.stderr)
  assertMatchesSchema(r.json, 'uq-perturb.schema.json')
  assert.equal(r.json.result.lexicon.source, 'none')
  assert.match(r.json.warnings.join('\n'), /no WordNet database found: GAAP used deletions only/)
  for (const [k, q] of readFileSync(d, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .entries()) {
    assert.equal(q.perturbationKind, 'gaap-deletion')
    // Deletions only: every perturbation's words are a subsequence of the original's.
    const orig = questions[k].question.replace('?', '').split(' ')
    for (const t of q.perturbations) {
      let i = 0
      for (const w of t.replace('?', '').split(' ')) {
        while (i < orig.length && orig[i] !== w) i++
        assert.ok(i < orig.length, `${t} is not a deletion of ${questions[k].question}`)
        i++
      }
    }
  }
})

test('perturb: bad inputs → exit 2, one line, no output', () => {
  const out = join(dir, 'never.jsonl')
  const r = runCli(['uq', 'perturb', qfile, out, '--wordnet', '/nonexistent-wn'])
  assert.equal(r.status, 2)
  assert.equal(
    r.stderr.trim(),
    'infolens: error: /nonexistent-wn: --wordnet: expected a WordNet 3.x dict directory (index.noun, data.noun, …)',
  )
  const bad = join(dir, 'bad.csv')
  writeFileSync(bad, 'question,value\n"Who wrote Babbitt?",Sinclair Lewis\n,nothing\n')
  const b = runCli(['uq', 'perturb', bad, out, '--wordnet', 'none'])
  assert.equal(b.status, 2)
  assert.equal(
    b.stderr.trim(),
    `infolens: error: ${bad}:3: question: expected a non-empty question (CSV header needs a \`question\` column)`,
  )
  const k = runCli(['uq', 'perturb', qfile, out, '--key-ratio', '2'])
  assert.equal(k.status, 2)
  assert.equal(k.stderr.trim(), 'infolens: error: --key-ratio: expected a number in (0, 1], got "2"')
  assert.equal(existsSync(out), false)
})
