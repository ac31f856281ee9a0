/** Human rendering of `checkpoint convert`: the tensors whose type or name changed, then the totals. */
import type {CheckpointConvertResult} from './convert-schema.js'
import {formatBytes, MAX_TERMINAL_TENSORS} from '../checkpoint-table.js'
import {renderKeyValues, renderTable} from '../../terminal/terminal.js'

export function renderConversion(r: CheckpointConvertResult): string {
  const changed = r.tensors.filter((t) => t.kind !== 'kept' || t.name !== t.source)
  const shown = changed.slice(0, MAX_TERMINAL_TENSORS)
  const rows = shown.map((t) => [
    t.name === t.source ? t.name : `${t.source} → ${t.name}`,
    `${t.dtypeIn} → ${t.dtypeOut}`,
    t.kind,
    t.roundedValues,
  ])
  const hidden = changed.length - shown.length
  const table =
    rows.length === 0
      ? 'every tensor kept its name and type'
      : renderTable(['tensor', 'dtype', 'kind', 'rounded values'], rows) +
        (hidden > 0 ? `\n${hidden} more changed tensor(s) (all in --json / --out)` : '')
  const totals = renderKeyValues([
    ['input', `${r.source.path} (${r.source.format})`],
    ['output', r.output.index ?? r.output.files[0]],
    ...(r.output.index ? [['shards', r.output.files.length] as const] : []),
    ['tensors', r.totals.tensors],
    ['tensor bytes', formatBytes(r.totals.bytes)],
    ['renamed', r.totals.renamed],
    ['dequantized', r.totals.dequantized],
    ['q/k permutation undone', r.totals.unpermuted],
    ['casts that rounded', r.totals.castsThatRounded],
  ])
  return `${table}\n${totals}`
}
