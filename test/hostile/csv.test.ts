/** Non-finite numbers in credit tables (issue 18, item 7): `1e999` overflows to ±Infinity and is refused. */
import {writeFileSync, existsSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, tempDir} from '../helpers/cli.js'

test('credit bin: 1e999 or -1e999 in a numeric column is exit 2 naming file, column and line; nothing written', () => {
  const dir = tempDir()
  for (const literal of ['1e999', '-1e999']) {
    const data = join(dir, 'inf.csv')
    writeFileSync(data, `x,y\n1,0\n2,1\n${literal},0\n3,1\n`)
    const out = join(dir, 'bins.json')
    const r = runCli(['credit', 'bin', data, '--target', 'y', '--out', out])
    assert.equal(r.status, 2)
    assert.equal(r.stderr, `infolens: error: ${data}: x: line 4: expected a finite number, got "${literal}"\n`)
    assert.equal(existsSync(out), false)
  }
})

test('credit bin: the same literal in a column declared categorical is just a level', () => {
  const dir = tempDir()
  const data = join(dir, 'cat.csv')
  writeFileSync(data, 'x,y\na,0\nb,1\n1e999,0\na,1\n')
  const r = runCli(['credit', 'bin', data, '--target', 'y', '--categorical', 'x', '--json'])
  assert.equal(r.status, 0, r.stderr)
})

test('credit bin --from-counts: counts that overflow or lose exactness (1e999, NaN, 10^23) are exit 2', () => {
  const dir = tempDir()
  for (const count of ['1e999', 'NaN', '99999999999999999999999']) {
    const data = join(dir, 'counts.csv')
    writeFileSync(
      data,
      `feature,bin_id,bin,class,count\nx,0,"(-inf, 1]",good,${count}\nx,0,"(-inf, 1]",bad,3\n` +
        'x,1,"(1, inf]",good,2\nx,1,"(1, inf]",bad,3\n',
    )
    const r = runCli(['credit', 'bin', '--from-counts', data])
    assert.equal(r.status, 2, count)
    assert.match(r.stderr, /counts\.csv: count: row 1: expected a non-negative integer count below 2\^53/)
  }
})
