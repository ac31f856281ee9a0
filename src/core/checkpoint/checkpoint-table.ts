/** Human rendering of a checkpoint inventory (`infolens checkpoint inspect`). */
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

export function renderCheckpointInventory(inv: CheckpointInventory): string {
  const rows = inv.tensors.map((t) => [t.name, t.dtype, `[${t.shape.join(', ')}]`, t.parameters, t.bytes, t.shard])
  const table = renderTable(['tensor', 'dtype', 'shape', 'parameters', 'bytes', 'shard'], rows)
  const byDtype = Object.entries(inv.totals.parametersByDtype)
    .map(([dtype, n]) => `${dtype} ${formatNumber(n)}`)
    .join(', ')
  const totals = renderKeyValues([
    ['checkpoint', `${inv.source.path} (${inv.source.kind})`],
    ...(inv.filter === null ? [] : [['filter', inv.filter] as const]),
    ['tensors', inv.totals.tensors],
    ['parameters', `${formatNumber(inv.totals.parameters)}${byDtype ? ` (${byDtype})` : ''}`],
    ['tensor bytes', `${formatNumber(inv.totals.bytes)} (${formatBytes(inv.totals.bytes)})`],
    ['files', inv.totals.files],
  ])
  return `${table}\n${totals}`
}
