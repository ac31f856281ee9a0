/**
 * `report render` section of `infolens.checkpoint/1` (`checkpoint inspect`):
 * the format, totals (tensors, parameters and bytes, by dtype; quantized types
 * named), the files or shards, the file metadata, and the tensor list.
 */
import type {Report} from '../envelope.js'
import {boundedTable} from './bounded-table.js'
import {markdownKeyValues, markdownTable, type MarkdownCell} from './markdown.js'
import {asArray, asRecord, asRecords, numberOf, textOf} from './result-fields.js'

export function renderCheckpointSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  const source = asRecord(r.source)
  const totals = asRecord(r.totals)
  const files = asRecords(r.files)
  const byDtype = asRecord(totals.parametersByDtype)
  const bytesByDtype = asRecord(totals.bytesByDtype)
  const metadata = Object.entries(asRecord(r.metadata)).map(([k, v]): [string, MarkdownCell] => [k, textOf(v)])
  const parts = [
    '#### Checkpoint',
    markdownKeyValues([
      ['path', textOf(source.path)],
      ['format', textOf(r.format) ?? 'safetensors'],
      ['kind', textOf(source.kind)],
      ...(textOf(source.index) ? [['index', textOf(source.index)] as [string, MarkdownCell]] : []),
      ['filter', textOf(r.filter) ?? 'none'],
      ['files', numberOf(totals.files) ?? files.length],
      ['tensors', numberOf(totals.tensors)],
      ['parameters', numberOf(totals.parameters)],
      ['bytes', numberOf(totals.bytes)],
      ...quantized(totals.quantizedDtypes),
    ]),
    '#### By dtype',
    markdownTable(
      ['dtype', 'parameters', 'bytes'],
      Object.keys(byDtype).map((d) => [d, numberOf(byDtype[d]), numberOf(bytesByDtype[d])]),
    ),
  ]
  if (files.length > 1)
    parts.push(
      '#### Files',
      boundedTable(
        ['file', 'tensors', 'bytes', 'header bytes'],
        files.map((f) => [textOf(f.path), numberOf(f.tensors), numberOf(f.bytes), numberOf(f.headerBytes)]),
        'files',
      ),
    )
  if (metadata.length > 0) parts.push('#### Metadata', boundedTable(['key', 'value'], metadata, 'entries'))
  const tensors = asRecords(r.tensors).map((t): MarkdownCell[] => [
    textOf(t.name),
    textOf(t.dtype),
    asArray(t.shape).join('×') || 'scalar',
    numberOf(t.parameters),
    textOf(t.shard),
  ])
  parts.push('#### Tensors', boundedTable(['tensor', 'dtype', 'shape', 'parameters', 'shard'], tensors, 'tensors'))
  return parts.join('\n\n')
}

/** The quantized types row, shown only when there are some (older reports have no such field). */
function quantized(value: unknown): [string, MarkdownCell][] {
  const types = asArray(value)
    .map(textOf)
    .filter((t): t is string => t !== undefined)
  return types.length === 0 ? [] : [['quantized types', types.join(', ')]]
}
