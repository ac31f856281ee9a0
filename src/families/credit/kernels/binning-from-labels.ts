/**
 * Rebuilds a feature's binning from the bin labels of a counts table, so that a table counted by
 * any engine (or written by hand from a warehouse) needs no side file. The labels are the ones
 * `credit bin` writes (./fit-binning.ts): numeric ranges "(a, b]" or "[a, b)" with String(x)
 * bounds (which read back to the same doubles), categorical groups "l1 | l2", then "Missing",
 * then "Special s" per special value. Returns null when the labels fit none of these forms.
 */
import type {Closed, FeatureBinning} from './feature-binning.js'

const RANGE = /^([([])(\S+), (\S+)([)\]])$/

function bound(text: string): number {
  if (text === '-inf') return Number.NEGATIVE_INFINITY
  if (text === 'inf') return Number.POSITIVE_INFINITY
  return text.trim() === '' ? Number.NaN : Number(text)
}

/** Edges and side of numeric range labels, or null when they are not contiguous ranges. */
function numericEdges(labels: readonly string[]): {edges: number[]; closed: Closed} | null {
  const parts = labels.map((l) => RANGE.exec(l))
  if (parts.length === 0 || parts.some((p) => p === null)) return null
  const closed: Closed = parts[0]![4] === ']' ? 'right' : 'left'
  const edges: number[] = []
  for (let i = 0; i < parts.length; i++) {
    const [, open, lo, hi, close] = parts[i]!
    if ((closed === 'right') !== (open === '(' && close === ']')) return null
    const a = bound(lo)
    const b = bound(hi)
    if (Number.isNaN(a) || Number.isNaN(b)) return null
    if (i === 0 && a !== Number.NEGATIVE_INFINITY) return null
    if (i === parts.length - 1 && b !== Number.POSITIVE_INFINITY) return null
    if (i > 0 && a !== edges[edges.length - 1]) return null
    if (i < parts.length - 1) edges.push(b)
  }
  return {edges, closed}
}

export function binningFromLabels(feature: string, labels: readonly string[], method: string): FeatureBinning | null {
  let end = labels.length
  while (end > 0 && labels[end - 1].startsWith('Special ')) end--
  const special = labels.slice(end).map((l) => l.slice('Special '.length))
  const missing = end > 0 && labels[end - 1] === 'Missing'
  if (missing) end--
  const regular = labels.slice(0, end)
  const base = {feature, method, missing, special, labels: [...labels]}
  const numeric = numericEdges(regular)
  if (numeric) return {...base, type: 'numeric', ...numeric}
  return {...base, type: 'categorical', groups: regular.map((l) => l.split(' | '))}
}
