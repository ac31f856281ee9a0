/**
 * Assembles the canonical KappaTune plan (schema infolens.kappa/1) from the
 * per-tensor spectra summaries: ranks the candidates, applies the budget,
 * and lists what to train in the names PEFT, requires_grad loops and Axolotl
 * expect (spec kappa.md §2.4, §3.2). Every output format is rendered from
 * this object, so a plan can be re-rendered without any new SVD.
 */
import {selectByBudget, type Budget} from './budget-selection.js'
import type {Candidate, CandidateOptions, Skipped, TensorKind} from './candidate-rules.js'
import {aggregateExperts} from './expert-aggregate.js'
import {encodeNumber, type JsonNumber} from './json-number.js'
import {layerType, moduleName} from './module-names.js'
import {planWarnings} from './plan-warnings.js'
import {spectrumMetrics, type SpectrumMetrics} from './spectrum-metrics.js'

export interface TensorSummary {
  readonly metrics: SpectrumMetrics
  readonly expert_kappa_min?: number
  readonly expert_kappa_median?: number
  readonly expert_kappa_max?: number
}

export interface ScannedTensor {
  readonly name: string
  readonly dtype: string
  readonly shape: readonly number[]
  readonly classification: Candidate | Skipped
  /** Present for candidates. */
  readonly summary?: TensorSummary
}

/** Metrics of a candidate from its spectra (one per matrix, each descending). */
export function summarizeSpectra(c: Candidate, spectra: readonly ArrayLike<number>[], eps: number): TensorSummary {
  if (c.kind === 'moe-parameter') return aggregateExperts(spectra, c.rows, c.cols, eps)
  return {metrics: spectrumMetrics(spectra[0], c.rows, c.cols, eps)}
}

export interface PlanOptions extends Omit<CandidateOptions, 'include' | 'exclude'> {
  readonly budget: Budget
  readonly perType: boolean
  readonly eps: number
  readonly include: string | null
  readonly exclude: string | null
  readonly tiedHeadMissing: boolean
}

type MetricFields = {readonly [K in keyof SpectrumMetrics]: JsonNumber | null}

export interface TensorRecord extends MetricFields {
  readonly name: string
  readonly module: string
  readonly type: string
  readonly kind: TensorKind | null
  readonly shape: readonly number[]
  readonly dtype: string
  readonly numel: number
  readonly matrix: readonly [number, number] | null
  readonly experts: number | null
  readonly expert_kappa_min: JsonNumber | null
  readonly expert_kappa_median: JsonNumber | null
  readonly expert_kappa_max: JsonNumber | null
  readonly selected: boolean
  readonly rank_position: number | null
  readonly group: string | null
  readonly group_rank: number | null
  readonly skip_reason: string | null
  readonly skip_detail: string | null
}

export interface KappaPlan {
  readonly method: 'kappatune'
  readonly budget: {readonly mode: Budget['mode']; readonly value: number; readonly per_type: boolean}
  readonly eps: number
  readonly precision: 'f64'
  readonly scope: PlanOptions['scope']
  readonly max_dim: number
  readonly moe_suffixes: readonly string[]
  readonly include: string | null
  readonly exclude: string | null
  readonly tensors: readonly TensorRecord[]
  readonly selection: PlanSelection
  readonly skipped: readonly {readonly name: string; readonly skip_reason: string; readonly detail: string}[]
  readonly warnings: readonly string[]
}

export interface PlanSelection {
  /** Selected Linear modules, lowest κ first (PEFT `target_modules`). */
  readonly target_modules: readonly string[]
  /** Selected fused expert parameters, lowest κ first (PEFT `target_parameters`). */
  readonly target_parameters: readonly string[]
  /** Every selected parameter name, lowest κ first (requires_grad / full fine-tuning). */
  readonly parameters: readonly string[]
  readonly candidates: number
  readonly selected: number
  readonly trainable_params: number
  readonly total_params: number
  readonly trainable_fraction: number
  /** Σ (m + n) over the selected matrices: LoRA adds r times this many parameters. */
  readonly lora_params_per_rank: number
  readonly per_type: readonly {readonly type: string; readonly candidates: number; readonly selected: number}[]
}

const METRIC_KEYS: readonly (keyof SpectrumMetrics)[] = [
  'kappa',
  'kappa_peft',
  'log10_kappa',
  'sigma_max',
  'sigma_min',
  'fro_norm',
  'log_volume',
  'log_volume_gap',
  'log_volume_gap_per_dim',
  'spectral_entropy',
  'effective_rank',
  'stable_rank',
  'participation_ratio',
  'kappa_mp',
]

export function buildPlan(tensors: readonly ScannedTensor[], options: PlanOptions): KappaPlan {
  const groupOf = (t: ScannedTensor, c: Candidate) => (options.perType ? layerType(moduleName(t.name)) : c.kind)
  const items = tensors.flatMap((t, order) =>
    t.classification.candidate && t.summary
      ? [{order, score: t.summary.metrics.kappa, group: groupOf(t, t.classification)}]
      : [],
  )
  const ranked = new Map(selectByBudget(items, options.budget).map((r) => [r.order, r]))
  const records = tensors.map((t, order) => tensorRecord(t, ranked.get(order)))
  const selectedInRankOrder = records
    .filter((r) => r.selected)
    .sort((a, b) => (a.rank_position ?? 0) - (b.rank_position ?? 0))
  const candidates = records.filter((r) => r.kind !== null)
  const totalParams = records.reduce((s, r) => s + r.numel, 0)
  const trainable = selectedInRankOrder.reduce((s, r) => s + r.numel, 0)
  return {
    method: 'kappatune',
    budget: {mode: options.budget.mode, value: budgetValue(options.budget), per_type: options.perType},
    eps: options.eps,
    precision: 'f64',
    scope: options.scope,
    max_dim: options.maxDim,
    moe_suffixes: options.moeSuffixes,
    include: options.include,
    exclude: options.exclude,
    tensors: records,
    selection: {
      target_modules: selectedInRankOrder.filter((r) => r.kind === 'linear-weight').map((r) => r.module),
      target_parameters: selectedInRankOrder.filter((r) => r.kind === 'moe-parameter').map((r) => r.name),
      parameters: selectedInRankOrder.map((r) => r.name),
      candidates: candidates.length,
      selected: selectedInRankOrder.length,
      trainable_params: trainable,
      total_params: totalParams,
      trainable_fraction: totalParams > 0 ? trainable / totalParams : 0,
      lora_params_per_rank: selectedInRankOrder.reduce(
        (s, r) => s + (r.experts ?? 1) * ((r.matrix?.[0] ?? 0) + (r.matrix?.[1] ?? 0)),
        0,
      ),
      per_type: perTypeCounts(candidates),
    },
    skipped: records
      .filter((r) => r.skip_reason !== null)
      .map((r) => ({name: r.name, skip_reason: r.skip_reason ?? '', detail: r.skip_detail ?? ''})),
    warnings: planWarnings(
      tensors.flatMap((t) =>
        t.classification.candidate && t.summary
          ? [
              {
                module: moduleName(t.name),
                rows: t.classification.rows,
                cols: t.classification.cols,
                kappa_mp: t.summary.metrics.kappa_mp,
                kind: t.classification.kind,
              },
            ]
          : [],
      ),
      options.perType,
      options.tiedHeadMissing,
    ),
  }
}

function tensorRecord(
  t: ScannedTensor,
  rank: {rank_position: number; group: string; group_rank: number; selected: boolean} | undefined,
): TensorRecord {
  const c = t.classification
  const m = t.summary?.metrics
  const metricFields = Object.fromEntries(
    METRIC_KEYS.map((k) => [k, m ? encodeNumber(m[k]) : null]),
  ) as unknown as MetricFields
  const opt = (x: number | undefined) => (x === undefined ? null : encodeNumber(x))
  const module = moduleName(t.name)
  return {
    name: t.name,
    module,
    type: layerType(module),
    kind: c.candidate ? c.kind : null,
    shape: t.shape,
    dtype: t.dtype,
    numel: t.shape.reduce((p, d) => p * d, 1),
    matrix: c.candidate ? [c.rows, c.cols] : null,
    experts: c.candidate && c.kind === 'moe-parameter' ? c.matrices : null,
    ...metricFields,
    expert_kappa_min: opt(t.summary?.expert_kappa_min),
    expert_kappa_median: opt(t.summary?.expert_kappa_median),
    expert_kappa_max: opt(t.summary?.expert_kappa_max),
    selected: rank?.selected ?? false,
    rank_position: rank?.rank_position ?? null,
    group: rank?.group ?? null,
    group_rank: rank?.group_rank ?? null,
    skip_reason: c.candidate ? null : c.reason,
    skip_detail: c.candidate ? null : c.detail,
  }
}

function budgetValue(b: Budget): number {
  return b.mode === 'count' ? b.count : b.mode === 'fraction' ? b.fraction : b.maxKappa
}

function perTypeCounts(candidates: readonly TensorRecord[]) {
  const counts = new Map<string, {type: string; candidates: number; selected: number}>()
  for (const r of candidates) {
    const entry = counts.get(r.type) ?? {type: r.type, candidates: 0, selected: 0}
    entry.candidates++
    if (r.selected) entry.selected++
    counts.set(r.type, entry)
  }
  return [...counts.values()].sort((a, b) => a.type.localeCompare(b.type))
}
