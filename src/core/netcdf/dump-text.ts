/** Human rendering of `infolens netcdf dump`: header tables, variable summaries, values. */
import type {DumpAttribute, JsonNumber, NetcdfDumpResult} from './dump-result.js'
import {formatNumber, renderKeyValues, renderTable, style} from '../terminal/terminal.js'

const MAX_TEXT = 80

function shortText(text: string): string {
  const one = JSON.stringify(text)
  return one.length > MAX_TEXT ? one.slice(0, MAX_TEXT - 1) + '…' : one
}

function attrText(a: DumpAttribute): string {
  return typeof a.value === 'string'
    ? shortText(a.value)
    : a.value.map((x) => (typeof x === 'number' ? String(x) : x)).join(', ')
}

function valueText(x: JsonNumber | string): string {
  return typeof x === 'number' ? String(x) : x
}

/** All values, one line per row of the last dimension (full precision, JS shortest form). */
function renderValues(v: NonNullable<NetcdfDumpResult['values']>): string {
  const width = v.type === 'char' || v.shape.length === 0 ? 1 : v.shape[v.shape.length - 1]
  const lines: string[] = []
  for (let at = 0; at < v.values.length; at += width) {
    const row = v.values.slice(at, at + width).map((x) => (v.type === 'char' ? JSON.stringify(x) : valueText(x)))
    lines.push(row.join(', '))
  }
  return `${style.bold(`${v.variable}`)} (${v.type}, shape [${v.shape.join(', ')}]):\n${lines.join('\n')}`
}

export function renderNetcdfDump(r: NetcdfDumpResult): string {
  const parts = [
    renderKeyValues([
      ['file', r.file],
      ['format', `${r.format === 'classic' ? 'classic (CDF-1)' : '64-bit offset (CDF-2)'}`],
      ['records', r.numRecords],
    ]),
  ]
  if (r.dimensions.length > 0) {
    parts.push(
      renderTable(
        ['dimension', 'length', 'unlimited'],
        r.dimensions.map((d) => [d.name, d.size, d.unlimited ? `yes (${d.size} currently)` : '']),
      ),
    )
  }
  if (r.attributes.length > 0)
    parts.push(
      renderTable(
        ['global attribute', 'type', 'value'],
        r.attributes.map((a) => [a.name, a.type, attrText(a)]),
      ),
    )
  if (r.variables.length > 0) {
    const rows = r.variables.map((v) => {
      const s = v.summary
      const declared = v.dimensions.length === 0 ? v.name : `${v.name}(${v.dimensions.join(', ')})`
      return [
        declared,
        v.type,
        `[${v.shape.join(', ')}]`,
        formatNumber(s?.min),
        formatNumber(s?.max),
        formatNumber(s?.mean),
        s ? s.nanCount : '-',
        s ? s.fillCount : '-',
      ]
    })
    parts.push(renderTable(['variable', 'type', 'shape', 'min', 'max', 'mean', 'NaN', 'fill'], rows))
    const attrs = r.variables.flatMap((v) => v.attributes.map((a) => [v.name, a.name, a.type, attrText(a)]))
    if (attrs.length > 0) parts.push(renderTable(['variable', 'attribute', 'type', 'value'], attrs))
  }
  if (r.values) parts.push(renderValues(r.values))
  return parts.join('\n')
}
