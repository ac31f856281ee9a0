/** `report render` section of `infolens.demo/1` (`demo checkpoint`): what was generated and where. */
import type {Report} from '../envelope.js'
import {boundedTable} from './bounded-table.js'
import {markdownKeyValues} from './markdown.js'
import {asRecord, asRecords, numberOf, textOf} from './result-fields.js'

export function renderDemoSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  const files = asRecords(r.files)
  return [
    '#### Synthetic checkpoint',
    markdownKeyValues([
      ['directory', textOf(r.directory)],
      ['seed', numberOf(r.seed)],
      ['tensors per checkpoint', numberOf(r.tensors)],
      ['parameters per checkpoint', numberOf(r.parameters)],
      ['files', files.length],
    ]),
    '#### Files',
    boundedTable(
      ['file', 'role', 'dtype', 'tensors', 'bytes'],
      files.map((f) => [textOf(f.path), textOf(f.role), textOf(f.dtype), numberOf(f.tensors), numberOf(f.bytes)]),
      'files',
    ),
  ].join('\n\n')
}
