import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {germanSplit} from './german-split.js'

const split = germanSplit()
const bins = join(split.dir, 'bins.json')
const card = join(split.dir, 'card.json')
const sql = join(split.dir, 'card.sql')
runCli(['credit', 'bin', split.train, '--target', 'creditability', '--out', bins, '--quiet'])
const {json, result} = runCliJson([
  'credit',
  'scorecard',
  split.train,
  '--target',
  'creditability',
  '--bins',
  bins,
  '--test',
  split.test,
  '--sql',
  sql,
  '--out',
  card,
])

test('WoE-LR scorecard reproduces spec §6.3–6.4 (AUC 1e-4, scaling and PSI to the printed digits)', () => {
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'credit-scorecard.schema.json')
  const c = json.result
  assert.ok(Math.abs(c.scaling.factor - 28.8539) < 5e-5)
  assert.ok(Math.abs(c.scaling.offset - 487.1229) < 5e-5)
  assert.ok(Math.abs(c.train.auc - 0.8374) < 1e-4, String(c.train.auc))
  assert.ok(Math.abs(c.test.auc - 0.8022) < 1e-4, String(c.test.auc))
  assert.ok(Math.abs(c.test.mean_score - 522.36) < 5e-3, String(c.test.mean_score))
  assert.ok(Math.abs(c.score_psi.psi - 0.0384) < 5e-5)
  assert.ok(Math.abs(c.score_psi.psi_se_delta - 0.0271) < 5e-5)
  assert.ok(Math.abs(c.score_psi.chi2_p - 0.529) < 5e-4)
  assert.deepEqual(c.score_psi.test_counts, [34, 21, 30, 28, 40, 25, 24, 28, 31, 39])
  assert.equal(c.features.length, 20)
  assert.ok(c.converged && c.iterations < 10)
})

test('credit score gives the scorecard test AUC and writes per-row scores', () => {
  const scores = join(split.dir, 'scores.csv')
  const {json: s, result: r} = runCliJson(['credit', 'score', split.test, '--card', card, '--scores', scores])
  assert.equal(r.status, 0, r.stderr)
  assertMatchesSchema(s, 'credit-score.schema.json')
  assert.equal(s.result.metrics.auc, json.result.test.auc)
  assert.ok(Math.abs(s.result.mean_score - json.result.test.mean_score) < 1e-9)
  assert.equal(readFileSync(scores, 'utf8').trim().split('\n').length, 301)
})

test('the exported SQL scores a SQLite table identically to credit score', (t) => {
  const python = ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import sqlite3'], {encoding: 'utf8'}).status === 0,
  )
  if (!python) return t.skip('no python3 with sqlite3 on this machine')
  const scores = join(split.dir, 'scores-sql.csv')
  runCli(['credit', 'score', split.test, '--card', card, '--scores', scores, '--quiet'])
  const numeric = JSON.parse(readFileSync(card, 'utf8'))
    .result.features.filter((f: any) => f.binning.type === 'numeric')
    .map((f: any) => f.feature)
  const script = `
import csv, json, sqlite3, sys
data, sql, numeric = sys.argv[1], sys.argv[2], set(json.loads(sys.argv[3]))
rows = list(csv.reader(open(data, newline='')))
head, body = rows[0], rows[1:]
db = sqlite3.connect(':memory:')
db.execute('CREATE TABLE applicants (%s)' % ', '.join('"%s" %s' % (h, 'REAL' if h in numeric else 'TEXT') for h in head))
db.executemany('INSERT INTO applicants VALUES (%s)' % ','.join('?' * len(head)), [[float(v) if h in numeric else v for h, v in zip(head, r)] for r in body])
print(json.dumps([row[-1] for row in db.execute(open(sql).read())]))
`
  const py = spawnSync(python, ['-c', script, split.test, sql, JSON.stringify(numeric)], {encoding: 'utf8'})
  assert.equal(py.status, 0, py.stderr)
  const fromSql: number[] = JSON.parse(py.stdout)
  const fromCli = readFileSync(scores, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1]))
  assert.equal(fromSql.length, 300)
  assert.deepEqual(fromSql, fromCli) // bit-identical doubles
})

test('scorecard with a missing target column fails with exit 2 and no output', () => {
  const out = join(split.dir, 'nope.json')
  const r = runCli(['credit', 'scorecard', split.train, '--target', 'nope', '--bins', bins, '--out', out])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: .*train\.csv: nope: target column not found.*\n$/)
  assert.ok(!existsSync(out))
})
