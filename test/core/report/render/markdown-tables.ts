/**
 * Reads back what `report render` wrote: the text under a `####` heading, its
 * first Markdown table (cells unescaped), and key/value tables as maps. Also
 * makes and renders a report in one step (the report made by the real CLI).
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {readReportFile} from '../../../../src/core/io/report-file.js'
import {renderReport} from '../../../../src/report-render/render-report.js'
import {formatNumber} from '../../../../src/core/terminal/terminal.js'
import {runCli} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'

export interface Table {
  head: string[]
  rows: string[][]
}

/** The lines under `#### heading` up to the next heading. */
export function sectionText(md: string, heading: string): string {
  const lines = md.split('\n')
  const start = lines.findIndex((l) => l === `#### ${heading}`)
  assert.ok(start >= 0, `no heading '#### ${heading}' in:\n${md}`)
  const end = lines.findIndex((l, i) => i > start && /^#{1,4} /.test(l))
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

function cells(line: string): string[] {
  return line
    .replace(/^\| /, '')
    .replace(/ \|$/, '')
    .split(/(?<!\\) \| /)
    .map((c) => c.replace(/\\\|/g, '|').replace(/\\\\/g, '\\'))
}

/** The first table under `#### heading`. */
export function tableUnder(md: string, heading: string): Table {
  const lines = sectionText(md, heading)
    .split('\n')
    .filter((l) => l.startsWith('|'))
  assert.ok(lines.length >= 2, `no table under '#### ${heading}'`)
  assert.match(lines[1], /^\|(---\|)+$/)
  return {head: cells(lines[0]), rows: lines.slice(2).map(cells)}
}

/** A `field | value` table under `#### heading` as a map. */
export function keyValuesUnder(md: string, heading: string): Map<string, string> {
  const t = tableUnder(md, heading)
  assert.deepEqual(t.head, ['field', 'value'])
  return new Map(t.rows.map((r) => [r[0], r[1]]))
}

/** Table rows as objects keyed by the column names. */
export function records(t: Table): Record<string, string>[] {
  return t.rows.map((r) => Object.fromEntries(t.head.map((h, i) => [h, r[i]])))
}

/** How a number from the JSON report must appear in a cell. */
export const shown = (v: unknown): string =>
  typeof v === 'number' ? formatNumber(v) : v === null || v === undefined ? '-' : String(v)

/** Every table in the Markdown stays within ~10 columns (a PR comment's width). */
export function assertNarrowTables(md: string, maxColumns = 10): void {
  for (const line of md.split('\n').filter((l) => /^\|(---\|)+$/.test(l)))
    assert.ok(line.split('---').length - 1 <= maxColumns, line)
}

/** Runs an infolens command that writes `--out path`, checks the report against its schema, renders it as Markdown. */
export function makeAndRender(
  args: readonly string[],
  out: string,
  schemaFile: string,
  okStatus: readonly number[] = [0],
): {report: any; md: string} {
  const r = runCli([...args, '--out', out, '--quiet'])
  assert.ok(okStatus.includes(r.status), `infolens ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  const report = JSON.parse(readFileSync(out, 'utf8'))
  assertMatchesSchema(report, schemaFile)
  const md = renderReport(readReportFile(out), 'markdown')
  assertNarrowTables(md)
  return {report, md}
}
