/**
 * The plan in Spectrum's file formats (cognitivecomputations/spectrum; spec
 * kappa.md §3.2, §5.3), so Spectrum users and Axolotl's Spectrum plugin can
 * consume a KappaTune ranking:
 * - `snr_results_<slug>.json`: `{module: {"snr": score, "type": layer type}}`.
 *   Spectrum keeps the HIGHEST scores per type, so the score is −log10 κ
 *   (lowest κ = highest score); an infinite or undefined κ is written as
 *   −1000, below any finite −log10 κ, so it sorts last.
 * - the `unfrozen_parameters` YAML Spectrum writes: module names grouped by type
 *   under `# <type> layers` comments (Spectrum's unanchored prefix style).
 */
import type {KappaPlan} from '../../kernels/build-plan.js'
import {decodeNumber} from '../../kernels/json-number.js'
import {yamlList} from './yaml-scalar.js'

/** Score written for κ = ∞ or NaN: below −log10 of any finite double (≥ −308.3). */
export const NON_FINITE_SCORE = -1000

export function spectrumScores(plan: KappaPlan): Record<string, {snr: number; type: string}> {
  const out: Record<string, {snr: number; type: string}> = {}
  for (const t of plan.tensors) {
    if (t.kind === null) continue
    const kappa = decodeNumber(t.kappa)
    out[t.kind === 'moe-parameter' ? t.name : t.module] = {
      snr: Number.isFinite(kappa) ? -Math.log10(kappa) : NON_FINITE_SCORE,
      type: t.type,
    }
  }
  return out
}

export function renderSpectrumScores(plan: KappaPlan): string {
  return JSON.stringify(spectrumScores(plan), null, 2) + '\n'
}

/** Spectrum's slug for result files: the model name with `/` and `_` turned into `-`. */
export function spectrumSlug(modelName: string): string {
  return modelName.replace(/[/_]/g, '-')
}

export function renderSpectrumUnfrozenYaml(plan: KappaPlan): string {
  const byType = new Map<string, string[]>()
  for (const t of plan.tensors.filter((x) => x.selected)) {
    const list = byType.get(t.type) ?? []
    list.push(t.kind === 'moe-parameter' ? t.name : t.module)
    byType.set(t.type, list)
  }
  const items = [...byType.entries()].flatMap(([type, names]) => [{comment: `${type} layers`}, ...names])
  return yamlList('unfrozen_parameters', items)
}
