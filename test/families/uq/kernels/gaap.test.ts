/**
 * GAAP pieces: WordNet reader (paper Table 3), Morphy, key tokens, the genetic algorithm's
 * invariants, reply parsing, the concurrency cap.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {WordNetDatabase, parseSynsetLine} from '../../../../src/families/uq/io/wordnet-database.js'
import pLimit from 'p-limit'
import {morphyLemmas} from '../../../../src/families/uq/kernels/morphy.js'
import {keyTokenIndices} from '../../../../src/families/uq/kernels/key-tokens.js'
import {runGaap, type GaapProblem} from '../../../../src/families/uq/kernels/gaap.js'
import {fitToCount, parseParaphraseReply} from '../../../../src/families/uq/kernels/paraphrase-list.js'
import {judgeVerdict, verbalizedConfidence} from '../../../../src/families/uq/kernels/judge-replies.js'
import {createXoshiro128} from '../../../../src/core/random/xoshiro128.js'
import {renderTokens, tokenizeQuestion} from '../../../../src/families/uq/pipeline/perturb.js'

const mini = new URL('../../../fixtures/uq/wordnet-mini', import.meta.url).pathname

test("WordNet reader reproduces the paper's Table 3 substitution sets (first sense), with Morphy for inflections", () => {
  const db = WordNetDatabase.open(mini)
  const golfer = db.relations('golfer')
  assert.deepEqual(golfer.synonyms, ['golf_player', 'linksman'])
  for (const h of ['driver', 'medalist']) assert.ok(golfer.hyponyms.includes(h), h)
  assert.deepEqual(db.relations('championship'), {
    synonyms: ['title'],
    hypernyms: ['high_status'],
    hyponyms: ['triple_crown'],
  })
  assert.deepEqual(db.relations('Championships'), db.relations('championship'))
  assert.ok(db.relations('wrote').synonyms.includes('compose'), 'wrote → write via verb.exc')
  assert.deepEqual(db.relations('zyzzyva'), {synonyms: [], hypernyms: [], hyponyms: []})
  db.close()
  assert.throws(() => WordNetDatabase.open('/nonexistent-wordnet'), /expected a WordNet 3.x dict directory/)
})

test('synset line parsing (wndb(5WN) format) and Morphy rules', () => {
  const s = parseSynsetLine(
    '00001740 03 n 02 entity 0 thing(a) 1 002 @ 00002137 n 0000 ~ 00002452 v 0102 | a gloss | with bar',
  )
  assert.deepEqual(s.words, ['entity', 'thing'])
  assert.deepEqual(s.pointers, [
    {symbol: '@', offset: 2137, pos: 'n'},
    {symbol: '~', offset: 2452, pos: 'v'},
  ])
  const known = new Set(['church', 'box', 'win', 'hop', 'hope', 'fast'])
  const exc = new Map([['won', ['win']]])
  assert.deepEqual(
    morphyLemmas('churches', 'noun', new Map(), (w) => known.has(w)),
    ['church'],
  )
  assert.deepEqual(
    morphyLemmas('won', 'verb', exc, (w) => known.has(w)),
    ['win'],
  )
  assert.deepEqual(
    morphyLemmas('hoped', 'verb', new Map(), (w) => known.has(w)),
    ['hope', 'hop'],
  )
  assert.deepEqual(
    morphyLemmas('faster', 'adj', new Map(), (w) => known.has(w)),
    ['fast'],
  )
})

test('key tokens: never stopwords, q = max(1, ⌊ratio·p⌋)', () => {
  const words = ['Which', 'golfer', 'won', 'the', 'championship']
  const k = keyTokenIndices(words, 0.5)
  assert.equal(k.length, 2)
  assert.ok(k.every((i) => !['which', 'the'].includes(words[i].toLowerCase())))
  assert.equal(keyTokenIndices(words, 0.01).length, 1)
  assert.deepEqual(keyTokenIndices(['Who', 'is', 'it'], 0.5), [])
})

test('tokenize/render round-trip and WordNet underscores', () => {
  const q = 'Who wrote "Babbitt", the 1922 novel?'
  assert.equal(renderTokens(tokenizeQuestion(q)), 'Who wrote " Babbitt ", the 1922 novel?')
  const t = tokenizeQuestion('Which golfer won?')
  t[1] = 'golf_player'
  assert.equal(renderTokens(t), 'Which golf player won?')
  t[1] = ''
  assert.equal(renderTokens(t), 'Which won?')
})

function toyProblem(fitness: (text: string) => number = () => 0.9): GaapProblem {
  const tokens = ['Which', 'golfer', 'won', 'the', 'championship', '?']
  const sub: Record<number, string[]> = {1: ['golf_player', 'linksman', ''], 4: ['title', 'high_status', '']}
  return {tokens, keys: [1, 4], substitutes: (k) => sub[k] ?? [], fitness, render: renderTokens}
}

test('GAAP invariants: exactly n outputs, never the original, only SUB changes at key positions, seeded', () => {
  const o = {count: 9, parents: 10, generations: 6, delta: 0.7, snapshotEvery: 2}
  const p = toyProblem()
  const a = runGaap(p, o, createXoshiro128(3, 0))
  assert.equal(a.perturbations.length, 9)
  assert.equal(a.stoppedBy, 'generations')
  assert.equal(a.generations, 6)
  const allowed = new Set([
    'Which',
    'won',
    'the',
    '?',
    'golf player',
    'linksman',
    'golfer',
    'title',
    'high status',
    'championship',
  ])
  for (const text of a.perturbations) {
    assert.notEqual(text, 'Which golfer won the championship?')
    // Remove allowed phrases; nothing else may remain.
    let rest = text
    for (const w of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(w).join('')
    assert.equal(rest.trim(), '', text)
  }
  assert.deepEqual(runGaap(p, o, createXoshiro128(3, 0)), a)
  // Pop₀ = 6 single substitutions; later generations add two-key combinations.
  assert.ok(a.distinct >= 6, `distinct ${a.distinct}`)
})

test('GAAP stops when every individual is below δ, and reports when no key token exists', () => {
  const low = runGaap(
    toyProblem(() => 0.5),
    {count: 4, parents: 6, generations: 10, delta: 0.7, snapshotEvery: 1},
    createXoshiro128(1, 0),
  )
  assert.equal(low.stoppedBy, 'similarity')
  assert.equal(low.generations, 0)
  assert.equal(low.perturbations.length, 4)
  const none = runGaap(
    {...toyProblem(), keys: []},
    {count: 4, parents: 6, generations: 10, delta: 0.7, snapshotEvery: 1},
    createXoshiro128(1, 0),
  )
  assert.equal(none.stoppedBy, 'no-candidates')
  assert.deepEqual(none.perturbations, [])
})

test('paraphrase replies: numbering/bullets/quotes stripped, fitted to n by seeded subsample or duplication', () => {
  assert.deepEqual(
    parseParaphraseReply(
      '1. Who wrote it?\n2) "Who penned it?"\n\n- Whose book is it?\n(4) Name the author.\n• **Bold one**',
    ),
    ['Who wrote it?', 'Who penned it?', 'Whose book is it?', 'Name the author.', 'Bold one'],
  )
  const rng = createXoshiro128(9, 0)
  const long = fitToCount(['a', 'b', 'c', 'd', 'e'], 3, rng)
  assert.equal(long.length, 3)
  assert.deepEqual(long, [...long].sort(), 'order kept')
  const short = fitToCount(['a', 'b'], 5, rng)
  assert.deepEqual(short.slice(0, 2), ['a', 'b'])
  assert.equal(short.length, 5)
  assert.ok(short.every((x) => x === 'a' || x === 'b'))
})

test('judge verdicts and verbalized confidence', () => {
  assert.equal(judgeVerdict('Yes.'), 1)
  assert.equal(judgeVerdict('  no'), 0)
  assert.equal(judgeVerdict('"YES"'), 1)
  assert.equal(judgeVerdict('Maybe'), undefined)
  assert.equal(verbalizedConfidence('Sinclair Lewis. I am 85% confident.'), 0.85)
  assert.equal(verbalizedConfidence('Paris (confidence: 12.5 %)'), 0.125)
  assert.equal(verbalizedConfidence('no number'), undefined)
  assert.equal(verbalizedConfidence('250%'), undefined)
})

test('concurrency limit (p-limit, as uq generate uses it): never more than `limit` tasks at once, FIFO, all complete', async () => {
  const limit = pLimit(3)
  const started: number[] = []
  let active = 0
  let peak = 0
  const order: number[] = []
  await Promise.all(
    Array.from({length: 20}, (_, i) =>
      limit(async () => {
        started.push(i)
        active++
        peak = Math.max(peak, active)
        await new Promise((r) => setTimeout(r, (i * 7) % 5))
        order.push(i)
        active--
      }),
    ),
  )
  assert.equal(peak, 3)
  assert.equal(order.length, 20)
  assert.deepEqual(
    started,
    Array.from({length: 20}, (_, i) => i),
    'tasks start in the order they were queued',
  )
})
