/**
 * `report render` section of `infolens.doctor/1`: the runtime (versions,
 * platform, CPUs, memory), which tfjs backends load, the float64 linear
 * algebra in use and whether the temp dir is writable.
 */
import type {Report} from '../envelope.js'
import {markdownKeyValues, markdownTable, type MarkdownCell} from './markdown.js'
import {asRecord, asRecords, numberOf, textOf} from './result-fields.js'

const gib = (bytes: unknown) => {
  const b = numberOf(bytes)
  return b === null ? undefined : `${(b / 2 ** 30).toFixed(1)} GiB`
}

export function renderDoctorSection(report: Report<unknown>): string {
  const r = asRecord(report.result)
  const cpus = asRecord(r.cpus)
  const memory = asRecord(r.memory)
  const linalg = asRecord(r.linalg)
  const native = asRecord(linalg.native)
  const temp = asRecord(r.tempDir)
  const pairs: [string, MarkdownCell][] = [
    ['infolens', textOf(r.infolens)],
    ['node', textOf(r.node)],
    ['platform', [textOf(r.platform), textOf(r.arch)].filter(Boolean).join(' ')],
    ['cpus', `${textOf(cpus.count) ?? '?'} × ${textOf(cpus.model) ?? '?'}`],
    ['memory', `${gib(memory.freeBytes) ?? '?'} free of ${gib(memory.totalBytes) ?? '?'}`],
    ['linear algebra', textOf(linalg.active)],
    [
      'LAPACK addon',
      native.loaded === true ? 'loaded' : `not loaded${textOf(native.detail) ? ` (${textOf(native.detail)})` : ''}`,
    ],
    ['temp dir', `${textOf(temp.path) ?? '?'} (${temp.writable === true ? 'writable' : 'NOT writable'})`],
  ]
  const backends = asRecords(r.backends).map((b): MarkdownCell[] => [
    textOf(b.name),
    b.loaded === true ? 'yes' : 'no',
    textOf(b.detail),
  ])
  return [
    '#### Environment',
    markdownKeyValues(pairs),
    '#### tfjs backends',
    markdownTable(['backend', 'loads', 'detail'], backends),
  ].join('\n\n')
}
