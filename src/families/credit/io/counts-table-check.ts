/**
 * Turns the raw rows of a counts table (text cells from CSV/Parquet, or JSON values) into a
 * checked CountsTable: every required column present, counts non-negative integers, classes
 * good/bad (or all), bin ids 0..k−1 per feature with one label each (−1 for unmatched rows),
 * no duplicate (feature, bin, class), and labels that describe a binning. The first broken rule
 * is one InputError naming the file, the row and the field.
 */
import {InputError} from '../../../core/errors.js'
import {binningFromLabels} from '../kernels/binning-from-labels.js'
import type {CountClass, CountsMeta, CountsTable, FeatureCounts} from '../kernels/counts-table.js'

type RawRow = Record<string, unknown>

interface Acc {
  labels: Map<number, string>
  cells: Map<string, number>
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null
  return typeof v === 'string' ? v : String(v)
}

function number(v: unknown): number {
  if (typeof v === 'number') return v
  const s = text(v)?.trim() ?? ''
  return s === '' ? Number.NaN : Number(s)
}

export function countsTableOf(file: string, rows: readonly RawRow[], meta: Partial<CountsMeta>): CountsTable {
  if (rows.length === 0) throw new InputError('no rows: expected class counts per feature and bin', {file})
  const fail = (i: number, field: string, expected: string): never => {
    throw new InputError(`row ${i + 1}: expected ${expected}`, {file, field})
  }
  const features = new Map<string, Acc>()
  const seen = new Set<CountClass>()
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') fail(i, 'row', 'an object')
    const feature = text(r.feature)
    if (feature === null || feature === '') fail(i, 'feature', 'a feature name')
    const binId = number(r.bin_id)
    if (!Number.isInteger(binId) || binId < -1) fail(i, 'bin_id', 'an integer bin id ≥ 0 (−1: unmatched)')
    const label = text(r.bin)
    if (label === null || label === '') fail(i, 'bin', 'a bin label (got NULL or empty)')
    const cls = text(r.class)?.trim()
    if (cls !== 'good' && cls !== 'bad' && cls !== 'all') fail(i, 'class', 'good, bad or all')
    const count = number(r.count)
    // above 2^53 a float64 count is no longer exact, and IV/PSI are promised equal to the row path
    if (!Number.isSafeInteger(count) || count < 0)
      fail(i, 'count', `a non-negative integer count below 2^53 (got ${text(r.count)})`)
    if ('weight' in r && r.weight !== null && r.weight !== '' && !(number(r.weight) >= 0))
      fail(i, 'weight', 'a non-negative weight sum')
    seen.add(cls as CountClass)
    let acc = features.get(feature!)
    if (!acc) features.set(feature!, (acc = {labels: new Map(), cells: new Map()}))
    const known = acc.labels.get(binId)
    if (known !== undefined && known !== label) fail(i, 'bin', `one label per bin id (${known} vs ${label})`)
    acc.labels.set(binId, label!)
    const key = `${binId}\u0000${cls}`
    if (acc.cells.has(key)) fail(i, 'count', `one row per feature, bin and class (${feature}, ${binId}, ${cls} twice)`)
    acc.cells.set(key, count)
  })
  if (seen.has('all') && seen.size > 1) throw new InputError('class: mixes all with good/bad', {file, field: 'class'})
  const classes = !seen.has('all')
  const method = meta.method ?? 'counts'
  const out: FeatureCounts[] = []
  for (const [feature, acc] of features) {
    const k = Math.max(-1, ...acc.labels.keys()) + 1
    const labels: string[] = []
    for (let b = 0; b < k; b++) {
      const l = acc.labels.get(b)
      if (l === undefined) throw new InputError(`bin ids must run 0..${k - 1}; ${b} is absent`, {file, field: feature})
      labels.push(l)
    }
    const binning = binningFromLabels(feature, labels, method)
    if (!binning) throw new InputError('bin labels describe no binning', {file, field: feature})
    const cell = (b: number, c: CountClass) => acc.cells.get(`${b}\u0000${c}`) ?? 0
    const [g, bd]: [CountClass, CountClass] = classes ? ['good', 'bad'] : ['all', 'all']
    out.push({
      binning,
      goods: Float64Array.from(labels, (_, b) => cell(b, g)),
      bads: Float64Array.from(labels, (_, b) => (classes ? cell(b, bd) : 0)),
      unmatched: [cell(-1, g), classes ? cell(-1, bd) : 0],
    })
  }
  return {
    target: meta.target ?? null,
    good_label: meta.good_label ?? 'good',
    bad_label: meta.bad_label ?? 'bad',
    method,
    ...(meta.engine ? {engine: meta.engine} : {}),
    classes,
    features: out,
  }
}
