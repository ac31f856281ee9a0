import {test} from 'node:test'
import assert from 'node:assert/strict'
import {htmlKeyValues, htmlTable} from '../../../../src/core/report/html/html-table.js'

test('a table escapes every cell and header and keeps full-precision numbers in data-value', () => {
  const html = htmlTable({
    head: ['<b>name</b>', 'value'],
    rows: [
      ['<img src=x onerror=alert(1)>', 0.123456789],
      ['inf', Number.POSITIVE_INFINITY],
      [null, Number.NaN],
    ],
  })
  assert.doesNotMatch(html, /<img|<b>/)
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/)
  assert.match(html, /<td class="num" data-value="0.123456789">0\.1235<\/td>/)
  assert.match(html, /data-value="Infinity">inf</)
  assert.match(html, /data-value="NaN">NaN</)
  assert.match(html, /<td class="missing">-<\/td>/)
  assert.match(html, /<table class="sortable">/)
  assert.match(html, /<button type="button" class="sort">&lt;b&gt;name&lt;\/b&gt;<\/button>/)
})

test('a status filter lists each status once, and row attributes are escaped', () => {
  const html = htmlTable({
    head: ['layer', 'status'],
    rows: [
      {cells: ['a', 'ok'], status: 'ok', rowKey: 0},
      {cells: ['b', 'x'], status: '"><script>', rowKey: 1},
      {cells: ['c', 'ok'], status: 'ok', rowKey: 2},
    ],
    statusFilter: true,
  })
  assert.equal(html.match(/<option>ok<\/option>/g)?.length, 1)
  assert.match(html, /data-status="&quot;&gt;&lt;script&gt;" data-row="1"/)
  assert.doesNotMatch(html, /<script>/)
})

test('a long table is cut and says how many rows only the JSON has; an empty one says so', () => {
  const rows = Array.from({length: 12}, (_, i) => [`r${i}`, i])
  const html = htmlTable({head: ['name', 'i'], rows, maxRows: 10, noun: 'layers'})
  assert.equal(html.match(/<tr>/g)?.length, 1 + 10)
  assert.match(html, /Showing the first 10 of 12 layers; the others are in the JSON report\./)
  assert.equal(htmlTable({head: ['x'], rows: [], noun: '<features>'}), '<p class="empty">(no &lt;features&gt;)</p>')
})

test('key/value tables are not sortable and escape keys', () => {
  const html = htmlKeyValues([
    ['<k>', 'v'],
    ['n', 2],
  ])
  assert.doesNotMatch(html, /sortable|<k>/)
  assert.match(html, /<th scope="row">&lt;k&gt;<\/th><td>v<\/td>/)
})
