/**
 * `report render` section of `infolens.netcdf/1` (`netcdf dump`): format and
 * record count, dimensions, the global attributes, and one row per variable
 * with its value summary (min, max, mean over valid values, fill/NaN counts).
 */
import type {Report} from '../envelope.js'
import {boundedTable} from './bounded-table.js'
import {markdownKeyValues, type MarkdownCell} from './markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf} from './result-fields.js'

function attributeText(value: unknown): string {
  const text = Array.isArray(value) ? value.map(String).join(', ') : String(value)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

export function renderNetcdfSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  const dims = asRecords(r.dimensions)
  const variables = asRecords(r.variables).map((v): MarkdownCell[] => {
    const s = asRecord(v.summary)
    const missing = (numberOf(s.fillCount) ?? 0) + (numberOf(s.nanCount) ?? 0) + (numberOf(s.infCount) ?? 0)
    return [
      textOf(v.name),
      textOf(v.type),
      `(${asArray(v.dimensions).join(', ')})`,
      numberOf(s.valid),
      missing,
      numberOf(s.min),
      numberOf(s.max),
      numberOf(s.mean),
    ]
  })
  return [
    '#### File',
    markdownKeyValues([
      ['file', textOf(r.file)],
      ['format', `${textOf(r.format) ?? '?'} (CDF-${textOf(r.formatVersion) ?? '?'})`],
      ['records', numberOf(r.numRecords)],
      ['dimensions', dims.length],
      ['global attributes', asArray(r.attributes).length],
      ['variables', variables.length],
    ]),
    '#### Dimensions',
    boundedTable(
      ['dimension', 'size', 'unlimited'],
      dims.map((d) => [textOf(d.name), numberOf(d.size), d.unlimited === true ? 'yes' : 'no']),
      'dimensions',
    ),
    '#### Global attributes',
    boundedTable(
      ['attribute', 'type', 'value'],
      asRecords(r.attributes).map((a) => [textOf(a.name), textOf(a.type), attributeText(a.value)]),
      'attributes',
    ),
    '#### Variables',
    boundedTable(
      ['variable', 'type', 'dimensions', 'valid', 'fill/NaN/inf', 'min', 'max', 'mean'],
      variables,
      'variables',
    ),
  ].join('\n\n')
}
