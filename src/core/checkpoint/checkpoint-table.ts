/** Human rendering of a checkpoint inventory (`infolens checkpoint inspect`): tensor table, then format and totals. */
import type {CheckpointInventory} from './inventory.js'
import {formatNumber, renderKeyValues, renderTable} from '../terminal/terminal.js'

/** Bytes as B/KiB/MiB/GiB with three significant digits. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toPrecision(3)} ${units[unit]}`
}

/** Tensor rows shown in the terminal; MoE checkpoints hold 10k-90k tensors, the report has them all. */
export const MAX_TERMINAL_TENSORS = 60

export function renderCheckpointInventory(inv: CheckpointInventory): string {
  const shown = inv.tensors.slice(0, MAX_TERMINAL_TENSORS)
  const rows = shown.map((t) => [t.name, t.dtype, `[${t.shape.join(', ')}]`, t.parameters, t.bytes, t.shard])
  const hidden = inv.tensors.length - shown.length
  const more = hidden > 0 ? `\n${hidden} more tensor(s) not shown (all in --json / --out; narrow with --filter)` : ''
  const table = renderTable(['tensor', 'dtype', 'shape', 'parameters', 'bytes', 'shard'], rows) + more
  const byDtype = Object.entries(inv.totals.parametersByDtype)
    .map(([dtype, n]) => `${dtype} ${formatNumber(n)}`)
    .join(', ')
  const totals = renderKeyValues([
    ['checkpoint', `${inv.source.path} (${inv.source.kind})`],
    ['format', inv.format],
    ...(inv.source.index === null ? [] : [['index', inv.source.index] as const]),
    ...(inv.totals.quantizedDtypes.length === 0 ? [] : [['quantized', inv.totals.quantizedDtypes.join(', ')] as const]),
    ...(inv.filter === null ? [] : [['filter', inv.filter] as const]),
    ['tensors', inv.totals.tensors],
    ['parameters', `${formatNumber(inv.totals.parameters)}${byDtype ? ` (${byDtype})` : ''}`],
    ['tensor bytes', `${formatNumber(inv.totals.bytes)} (${formatBytes(inv.totals.bytes)})`],
    ['files', inv.totals.files],
  ])
  return `${table}\n${totals}`
}
