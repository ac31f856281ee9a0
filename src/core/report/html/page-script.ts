/**
 * The page's own script, inlined: sort a `table.sortable` by a click on a column header
 * (numbers by value, text in locale order, missing values last; a second click reverses), and
 * hide the rows of a table whose status is not the one chosen in its status filter. Without
 * JavaScript the tables are still there, in the report's order.
 */
export const pageScript = `
(function () {
  'use strict'
  function sortKey(cell) {
    if (!cell) return {n: null, t: ''}
    var raw = cell.getAttribute('data-value')
    var t = raw !== null ? raw : cell.textContent.trim()
    if (t === '' || t === '-') return {n: null, t: ''}
    var n = t === 'inf' ? Infinity : t === '-inf' ? -Infinity : Number(t)
    return {n: isNaN(n) ? null : n, t: t}
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n
    if (a.n !== null) return -1
    if (b.n !== null) return 1
    if (a.t === '' || b.t === '') return a.t === '' ? (b.t === '' ? 0 : 1) : -1
    return a.t.localeCompare(b.t, undefined, {numeric: true})
  }
  function sortTable(table, th) {
    var column = th.cellIndex
    var ascending = th.getAttribute('aria-sort') !== 'ascending'
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort') })
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending')
    var body = table.tBodies[0]
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return {row: row, key: sortKey(row.cells[column]), i: i}
    })
    rows.sort(function (x, y) {
      var c = compare(x.key, y.key)
      if (!ascending && x.key.t !== '' && y.key.t !== '') c = -c
      return c || x.i - y.i
    })
    rows.forEach(function (r) { body.appendChild(r.row) })
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th) {
      var button = th.querySelector('button.sort')
      if (button) button.addEventListener('click', function () { sortTable(table, th) })
    })
  })
  document.querySelectorAll('select.status-filter').forEach(function (select) {
    var table = select.closest('.table-block').querySelector('table')
    select.addEventListener('change', function () {
      var wanted = select.value
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.classList.toggle('hidden', wanted !== '' && row.getAttribute('data-status') !== wanted)
      })
    })
  })
})()
`
