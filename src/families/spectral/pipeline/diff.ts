/**
 * `spectral diff A B`: two spectral results matched by layer name, per-metric deltas (B − A) and the layers
 * that moved most (by |Δα|), e.g. a base model against its fine-tune.
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../../../core/errors.js'
import type {SpectralLayer} from './analyze-checkpoint.js'

export const DIFF_METRICS = [
  'alpha',
  'alpha_weighted',
  'D',
  'xmin',
  'lambda_max',
  'log_norm',
  'log_spectral_norm',
  'stable_rank',
  'log_alpha_norm',
  'entropy',
  'detX_num',
  'setol_gap',
  'num_pl_spikes',
] as const

export interface LayerDelta {
  name: string
  a: Partial<Record<(typeof DIFF_METRICS)[number], number | null>>
  delta: Partial<Record<(typeof DIFF_METRICS)[number], number | null>>
}

export interface SpectralDiff {
  matched: number
  onlyInA: string[]
  onlyInB: string[]
  layers: LayerDelta[]
  movedMost: {name: string; alpha_a: number | null; alpha_b: number | null; delta_alpha: number}[]
  summaryDelta: Record<string, number>
}

/** Reads an `infolens.spectral/1` report file written with --out, or undefined when `path` is not one. */
export function readSpectralReport(
  path: string,
): {layers: SpectralLayer[]; summary: {means: Record<string, number>}} | undefined {
  if (!path.endsWith('.json')) return undefined
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON document; its fields are checked below
  let doc: any
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new InputError('file not found', {file: path})
    return undefined
  }
  if (typeof doc?.schema === 'string' && doc.schema.startsWith('infolens.') && doc.schema !== 'infolens.spectral/1')
    // another command's report is neither a spectral report nor a checkpoint index: say so
    throw new InputError(
      `expected an infolens.spectral/1 report or a checkpoint, got a report of schema ${doc.schema}`,
      {
        file: path,
        field: 'schema',
      },
    )
  if (doc?.schema !== 'infolens.spectral/1') return undefined
  if (!Array.isArray(doc.result?.layers))
    throw new InputError('expected result.layers in an infolens.spectral/1 report', {
      file: path,
      field: 'result.layers',
    })
  return doc.result
}

const sub = (b: unknown, a: unknown) => (typeof a === 'number' && typeof b === 'number' ? b - a : null)

export function diffSpectral(
  a: {layers: readonly SpectralLayer[]; summary: {means: Record<string, number | undefined>}},
  b: {layers: readonly SpectralLayer[]; summary: {means: Record<string, number | undefined>}},
  top = 10,
): SpectralDiff {
  const byName = new Map(b.layers.map((l) => [l.name, l]))
  const namesA = new Set(a.layers.map((l) => l.name))
  const layers: LayerDelta[] = []
  for (const la of a.layers) {
    const lb = byName.get(la.name)
    if (!lb) continue
    const ra = la as unknown as Record<string, unknown>
    const rb = lb as unknown as Record<string, unknown>
    const entry: LayerDelta = {name: la.name, a: {}, delta: {}}
    for (const m of DIFF_METRICS) {
      entry.a[m] = typeof ra[m] === 'number' ? (ra[m] as number) : null
      entry.delta[m] = sub(rb[m], ra[m])
    }
    layers.push(entry)
  }
  const movedMost = layers
    .filter((l) => l.delta.alpha !== null)
    .map((l) => ({
      name: l.name,
      alpha_a: l.a.alpha ?? null,
      alpha_b: (l.a.alpha ?? 0) + (l.delta.alpha ?? 0),
      delta_alpha: l.delta.alpha!,
    }))
    .sort((x, y) => Math.abs(y.delta_alpha) - Math.abs(x.delta_alpha))
    .slice(0, top)
  const summaryDelta: Record<string, number> = {}
  for (const [k, v] of Object.entries(a.summary.means)) {
    const w = b.summary.means[k]
    if (typeof v === 'number' && typeof w === 'number') summaryDelta[k] = w - v
  }
  return {
    matched: layers.length,
    onlyInA: a.layers.filter((l) => !byName.has(l.name)).map((l) => l.name),
    onlyInB: b.layers.filter((l) => !namesA.has(l.name)).map((l) => l.name),
    layers,
    movedMost,
    summaryDelta,
  }
}
