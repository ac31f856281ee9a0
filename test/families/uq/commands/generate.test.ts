/**
 * `uq generate` against the loopback OpenAI-compatible TEST DOUBLE (openai-loopback-server.ts):
 * structure and content of the generated items, deterministic order under concurrency, the
 * concurrency cap, retries after 500s, and one-line failures (timeout, malformed fields, 401).
 */
import {test, after, before} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {runCliAsync} from '../../../helpers/cli-async.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {embed, startLoopbackServer, type LoopbackServer} from './openai-loopback-server.js'

const questions = [
  {id: 'q-babbitt', question: 'Who wrote the novel Babbitt?', reference: 'Sinclair Lewis'},
  {id: 'q-gravity', question: 'Who discovered gravity?', reference: 'Isaac Newton'},
  {id: 'q-everest', question: 'In which country is the summit of Everest?', reference: 'Nepal'},
]
const key = 'sk-loopback-secret-123'

let server: LoopbackServer
let dir: string
let qfile: string
before(async () => {
  server = await startLoopbackServer()
  dir = tempDir('infolens-uq-gen-')
  qfile = join(dir, 'questions.jsonl')
  writeFileSync(qfile, questions.map((q) => JSON.stringify(q)).join('\n') + '\n')
})
after(() => server.close())

const common = (out: string, perturbations = 3) => [
  'uq',
  'generate',
  qfile,
  out,
  '--endpoint',
  server.baseUrl,
  '--model',
  'loopback-llm',
  '--perturbations',
  String(perturbations),
  '--responses',
  '2',
  '--backoff',
  '0.01',
]

/** The one error line; exit-1 errors are followed only by the base command's fixed --debug hint. */
function oneErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n')
  if (lines.length === 2) assert.equal(lines[1], '(run again with --debug for the stack trace)', stderr)
  else assert.equal(lines.length, 1, stderr)
  return lines[0]
}

test('generate: paraphrases, n×r answers per temperature, embeddings and judge labels, in input order; key sent, never written', async () => {
  server.behaviour.requiredKey = key
  const out = join(dir, 'items.jsonl')
  const report = join(dir, 'report.json')
  const args = [
    ...common(out),
    '--temperatures',
    '0.3,1.0',
    '--embedder',
    'openai',
    '--embedding-model',
    'loopback-emb',
    '--judge',
    '--concurrency',
    '8',
    '--seed',
    '5',
    '--out',
    report,
    '--json',
  ]
  const r = await runCliAsync(args, {env: {INFOLENS_API_KEY: key}})
  server.behaviour.requiredKey = undefined
  assert.equal(r.status, 0, r.stderr)
  const json = JSON.parse(r.stdout)
  assertMatchesSchema(json, 'uq-generate.schema.json')
  const items = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  assert.deepEqual(
    items.map((i) => i.id),
    questions.map((q) => q.id),
  )
  for (const [k, item] of items.entries()) {
    assert.equal(item.schema, 'inv-entropy/v1')
    assert.deepEqual(
      item.runs.map((run: any) => run.temperature),
      [0.3, 1.0],
    )
    for (const run of item.runs) {
      assert.equal(run.inputs.length, 4)
      assert.equal(run.inputs[0].text, questions[k].question)
      assert.equal(run.inputs[0].kind, 'original')
      // The double numbers its lines "1. …"; the numbering must be gone.
      assert.equal(run.inputs[1].text, `Could you tell me: ${questions[k].question}`)
      assert.equal(run.inputs[3].kind, 'paraphrase')
      for (const x of run.inputs) {
        assert.deepEqual(x.embedding, embed(x.text))
        assert.equal(x.responses.length, 2)
        for (const y of x.responses) assert.deepEqual(y.embedding, embed(y.text))
      }
    }
  }
  // Babbitt and Everest have one possible answer (judged correct); gravity's judged sample at T = 0.7 is checked against the double's rule.
  assert.equal(items[0].correct, 1)
  assert.equal(items[2].correct, 1)
  assert.equal(items[0].runs[0].verbalizedConfidence, 0.9)
  assert.equal(items[2].runs[1].verbalizedConfidence, 0.4)
  assert.equal(items[1].correct, items[1].answer.toLowerCase().startsWith('isaac newton') ? 1 : 0)
  // Requests per item: 1 paraphrase + 2 T × 4 inputs × 2 responses + answer-with-confidence + judge = 19; embeddings: 1 batch each.
  assert.equal(json.result.requests.attempts, 3 * 19 + 3)
  assert.equal(json.result.requests.retries, 0)
  assert.deepEqual(json.result.judge, {labelled: 3, correct: 2 + items[1].correct, unlabelled: 0})
  assert.equal(json.result.embeddings.dim, 24)
  assert.equal(json.options.apiKeyEnv, 'INFOLENS_API_KEY')
  for (const text of [r.stdout, readFileSync(report, 'utf8'), readFileSync(out, 'utf8')]) assert.ok(!text.includes(key))
  const logged = server.requests.filter((q) => q.path === '/v1/chat/completions')
  assert.ok(
    logged.every(
      (q) => q.authorization === `Bearer ${key}` && q.body.model === 'loopback-llm' && Number.isInteger(q.body.seed),
    ),
  )
  const answers = logged.filter((q) =>
    q.body.messages[0].content.endsWith('Answer concisely and return only the name.'),
  )
  assert.equal(answers.length, 3 * 16)
  assert.equal(new Set(answers.map((q) => q.body.seed)).size, answers.length, 'every sample gets its own seed')
})

test('generate: byte-identical output for concurrency 1 and 6', async () => {
  const a = join(dir, 'c1.jsonl')
  const b = join(dir, 'c6.jsonl')
  const r1 = await runCliAsync([...common(a), '--concurrency', '1', '--quiet'])
  assert.equal(r1.status, 0, r1.stderr)
  const r6 = await runCliAsync([...common(b), '--concurrency', '6', '--quiet'])
  assert.equal(r6.status, 0, r6.stderr)
  assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'))
})

test('generate: concurrency cap holds (server-side count)', async () => {
  const capped = await startLoopbackServer()
  try {
    const out = join(dir, 'cap.jsonl')
    const r = await runCliAsync([
      'uq',
      'generate',
      qfile,
      out,
      '--endpoint',
      capped.baseUrl,
      '--model',
      'm',
      '--perturbations',
      '3',
      '--responses',
      '3',
      '--concurrency',
      '3',
      '--quiet',
    ])
    assert.equal(r.status, 0, r.stderr)
    assert.ok(capped.maxInFlight <= 3 && capped.maxInFlight >= 2, `max in flight ${capped.maxInFlight}`)
  } finally {
    await capped.close()
  }
})

test('generate: two 500s are retried with backoff and the run succeeds', async () => {
  server.behaviour.fail500 = 2
  const out = join(dir, 'retry.jsonl')
  const r = await runCliAsync([...common(out), '--concurrency', '1', '--retries', '3', '--json'])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).result.requests.retries, 2)
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 3)
})

test('generate: 500s beyond the retries → exit 1, one line naming the endpoint, no output', async () => {
  server.behaviour.fail500 = 1000
  const out = join(dir, 'fail.jsonl')
  const r = await runCliAsync([...common(out), '--retries', '1', '--concurrency', '1'])
  server.behaviour.fail500 = 0
  assert.equal(r.status, 1)
  assert.match(
    oneErrorLine(r.stderr),
    new RegExp(
      `^infolens: error: ${server.baseUrl}/chat/completions: \\(request\\): HTTP 500: .*overloaded.* \\(2 attempts\\)$`,
    ),
  )
  assert.equal(existsSync(out), false)
})

test('generate: a request that times out → exit 1, one line naming the endpoint, no output', async () => {
  server.behaviour.hangChat = true
  const out = join(dir, 'timeout.jsonl')
  const r = await runCliAsync([...common(out), '--timeout', '0.3', '--retries', '0'])
  server.behaviour.hangChat = false
  assert.equal(r.status, 1)
  assert.equal(
    oneErrorLine(r.stderr),
    `infolens: error: ${server.baseUrl}/chat/completions: (request): no complete response within 0.3 s (1 attempt)`,
  )
  assert.equal(existsSync(out), false)
})

test('generate: malformed chat and embedding responses → exit 1 naming the endpoint and the field', async () => {
  server.behaviour.malformed = 'chat-content'
  const out = join(dir, 'bad.jsonl')
  const r = await runCliAsync(common(out))
  assert.equal(r.status, 1)
  assert.equal(
    oneErrorLine(r.stderr),
    `infolens: error: ${server.baseUrl}/chat/completions: choices[0].message.content: expected a string in the server's response`,
  )
  server.behaviour.malformed = 'embedding-dim'
  const e = await runCliAsync([...common(out), '--embedder', 'openai', '--embedding-model', 'emb'])
  server.behaviour.malformed = 'none'
  assert.equal(e.status, 1)
  assert.equal(
    oneErrorLine(e.stderr),
    `infolens: error: ${server.baseUrl}/embeddings: data[1].embedding: expected 24 numbers like data[0], got 23 in the server's response`,
  )
  assert.equal(existsSync(out), false)
})

test('generate: a rejected key (401) is a configuration error → exit 2; bad questions → exit 2 with file:line: field', async () => {
  server.behaviour.requiredKey = key
  const out = join(dir, 'unauth.jsonl')
  const r = await runCliAsync(common(out), {env: {INFOLENS_API_KEY: 'wrong'}})
  server.behaviour.requiredKey = undefined
  assert.equal(r.status, 2)
  assert.match(
    oneErrorLine(r.stderr),
    new RegExp(
      `^infolens: error: ${server.baseUrl}/chat/completions: \\(status\\): HTTP 401 \\(check the API key variable named by --api-key-env\\)`,
    ),
  )
  assert.ok(!r.stderr.includes('wrong'))
  const bad = join(dir, 'bad-questions.jsonl')
  writeFileSync(bad, JSON.stringify(questions[0]) + '\n' + JSON.stringify({id: 'x'}) + '\n')
  const b = await runCliAsync(['uq', 'generate', bad, out, '--endpoint', server.baseUrl, '--model', 'm'])
  assert.equal(b.status, 2)
  assert.equal(oneErrorLine(b.stderr), `infolens: error: ${bad}:2: question: required field is missing`)
  const url = await runCliAsync(['uq', 'generate', qfile, out, '--endpoint', 'ftp://x', '--model', 'm'])
  assert.equal(url.status, 2)
  assert.match(oneErrorLine(url.stderr), /^infolens: error: --endpoint: expected an http\(s\) URL/)
  assert.equal(existsSync(out), false)
})

test('generate: a short paraphrase list is completed by seeded duplication to exactly --perturbations', async () => {
  server.behaviour.paraphraseLines = 2
  const out = join(dir, 'dup.jsonl')
  const r = await runCliAsync([...common(out, 5), '--json'])
  server.behaviour.paraphraseLines = undefined
  assert.equal(r.status, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).result.perturbations.duplicated, 3)
  for (const item of readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))) {
    const texts = item.runs[0].inputs.slice(1).map((x: any) => x.text)
    assert.equal(texts.length, 5)
    assert.equal(new Set(texts).size, 2)
  }
})
