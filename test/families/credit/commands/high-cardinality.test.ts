/**
 * High-cardinality text columns (issue 18, item 1): binning stays fast (mergeToMaxBins is O(levels·log levels),
 * pinned against its definition in kernels/bin-constraints.test.ts), and a column with more levels than
 * --max-levels is taken for an identifier: skipped with a warning, its level table freed (bounded memory).
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'

const dir = tempDir()
const data = join(dir, 'zip.csv')
let seed = 3
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
const lines = ['id,zip,y']
for (let i = 0; i < 12_000; i++) lines.push(`u${i},z${Math.floor(rnd() * 3000)},${rnd() < 0.3 ? 1 : 0}`)
writeFileSync(data, lines.join('\n') + '\n')

test('a 3,000-level column is binned into at most --max-bins groups; a 12,000-level id is skipped as an identifier', () => {
  const {json, result} = runCliJson(['credit', 'bin', data, '--target', 'y', '--categorical', 'id,zip'])
  assert.equal(result.status, 0, result.stderr)
  const features = json.result.features as {feature: string; bins: number; iv: number}[]
  assert.deepEqual(
    features.map((f) => f.feature),
    ['zip'],
  )
  assert.ok(features[0].bins <= 10 && features[0].bins >= 2)
  assert.ok(Number.isFinite(features[0].iv))
  assert.ok(
    (json.warnings as string[]).some((w) => /^id: more than 10000 distinct levels, taken for an identifier/.test(w)),
  )
})

test('--max-levels raises the cap; a table of identifiers only is bad input (exit 2, one line)', () => {
  const {json} = runCliJson(['credit', 'bin', data, '--target', 'y', '--features', 'id', '--max-levels', '20000'])
  assert.equal(json.result.features[0].feature, 'id')
  const r = runCli(['credit', 'bin', data, '--target', 'y', '--features', 'id', '--max-levels', '100'])
  assert.equal(r.status, 2)
  assert.match(
    r.stderr,
    /^infolens: error: \S+zip\.csv: id: every feature has more than 100 levels \(identifiers\); raise --max-levels\n$/,
  )
})
