import {test} from 'node:test'
import assert from 'node:assert/strict'
import {boundedTable, countRows, MAX_TABLE_ROWS} from '../../../../src/core/report/render/bounded-table.js'

test('tables stop at 50 rows and say how many more rows the JSON holds', () => {
  const rows = Array.from({length: MAX_TABLE_ROWS + 7}, (_, i) => [`layer.${i}`, i])
  const md = boundedTable(['layer', 'i'], rows, 'layers')
  const lines = md.split('\n')
  assert.equal(lines.filter((l) => l.startsWith('| layer.')).length, MAX_TABLE_ROWS)
  assert.ok(lines.includes(`| layer.${MAX_TABLE_ROWS - 1} | ${MAX_TABLE_ROWS - 1} |`))
  assert.ok(!md.includes(`layer.${MAX_TABLE_ROWS} `))
  assert.equal(lines.at(-1), '(7 more layers in the JSON report)')
  assert.ok(!boundedTable(['a'], rows.slice(0, MAX_TABLE_ROWS)).includes('more'))
  assert.equal(boundedTable(['a'], [], 'layers'), '(no layers)')
})

test('countRows: label counts, most frequent first', () => {
  assert.deepEqual(countRows(['b', 'a', 'b', 'c', 'b', 'a']), [
    ['b', 3],
    ['a', 2],
    ['c', 1],
  ])
})
