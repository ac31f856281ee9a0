/**
 * HTSR training-quality labels (WeightWatcher 0.7.5.5 `fit_powerlaw`, constants OVER_TRAINED_THRESH /
 * UNDER_TRAINED_THRESH): α < 2 → over-trained, α > 6 → under-trained. Unlike WeightWatcher (α = −1
 * after a failed fit reads as "over-trained"), a failed fit carries no label: its status is `failed`.
 */

export const OVER_TRAINED_ALPHA = 2
export const UNDER_TRAINED_ALPHA = 6

export type LayerWarning = '' | 'over-trained' | 'under-trained'

export function trainingWarning(alpha: number | null): LayerWarning {
  if (alpha === null || !Number.isFinite(alpha)) return ''
  if (alpha < OVER_TRAINED_ALPHA) return 'over-trained'
  if (alpha > UNDER_TRAINED_ALPHA) return 'under-trained'
  return ''
}
