/**
 * Model-level summary (WeightWatcher `get_summary`): plain unweighted means over layers. WeightWatcher
 * averages every row, failed fits (α = −1) included; here only layers with status ok enter the means
 * (a failed layer has no α), and counts by status and warning are reported next to them.
 */
import type {LayerMetrics} from './layer-metrics.js'

export const SUMMARY_FIELDS = [
  'alpha',
  'alpha_weighted',
  'log_norm',
  'log_alpha_norm',
  'log_spectral_norm',
  'stable_rank',
  'mp_softrank',
] as const

export interface SpectralSummary {
  means: Partial<Record<(typeof SUMMARY_FIELDS)[number], number>>
  medians: Partial<Record<(typeof SUMMARY_FIELDS)[number], number>>
  counts: {ok: number; failed: number; skipped: number; over_trained: number; under_trained: number}
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b)
  const h = Math.floor(s.length / 2)
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2
}

export function summarize(
  layers: readonly Pick<LayerMetrics, 'status' | 'warning'>[],
  skipped: number,
): SpectralSummary {
  const ok = layers.filter((l) => l.status === 'ok') as Record<string, unknown>[]
  const means: SpectralSummary['means'] = {}
  const medians: SpectralSummary['medians'] = {}
  for (const f of SUMMARY_FIELDS) {
    const vals = ok.map((l) => l[f]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    if (vals.length === 0) continue
    means[f] = vals.reduce((a, b) => a + b, 0) / vals.length
    medians[f] = median(vals)
  }
  return {
    means,
    medians,
    counts: {
      ok: ok.length,
      failed: layers.filter((l) => l.status === 'failed').length,
      skipped,
      over_trained: layers.filter((l) => l.warning === 'over-trained').length,
      under_trained: layers.filter((l) => l.warning === 'under-trained').length,
    },
  }
}
