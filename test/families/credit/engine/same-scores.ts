/**
 * `credit score` in process and in a SQL engine on the same data and card: the same summary bit for bit
 * (rows, mean, min, max, AUC, Gini, KS), and the same per-row (score, pd) pairs — compared as sorted
 * multisets, since an engine may scan rows in another order than the file's.
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson} from '../../../helpers/cli.js'

/** Fits a scorecard on `data` (quantile bins) and returns its path. */
export function fitCard(dir: string, data: string, target: string, name: string): string {
  const [bins, card] = [join(dir, `${name}-bins.json`), join(dir, `${name}-card.json`)]
  for (const args of [
    ['credit', 'bin', data, '--target', target, '--out', bins],
    ['credit', 'scorecard', data, '--target', target, '--bins', bins, '--out', card],
  ]) {
    const r = runCli([...args, '--quiet'])
    assert.equal(r.status, 0, r.stderr)
  }
  return card
}

function scoreLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(line.indexOf(',') + 1))
    .sort()
}

/** Scores in process (`data`) and with `engineArgs` (`source` as DATA), and asserts equality. */
export function assertSameScores(dir: string, card: string, data: string, source: string[], engineArgs: string[]) {
  const [a, b] = [join(dir, 'scores-in-process.csv'), join(dir, 'scores-engine.csv')]
  const ip = runCliJson(['credit', 'score', data, '--card', card, '--scores', a])
  const en = runCliJson(['credit', 'score', ...source, '--card', card, '--scores', b, ...engineArgs])
  assert.equal(en.result.status, 0, en.result.stderr)
  assert.deepEqual(en.json.result, ip.json.result)
  assert.ok(ip.json.result.rows > 0 && ip.json.result.metrics !== null)
  const [la, lb] = [scoreLines(a), scoreLines(b)]
  assert.equal(la.length, ip.json.result.rows)
  assert.deepEqual(lb, la)
  return en.json
}
