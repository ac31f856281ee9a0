/**
 * WoE logistic-regression scorecard: WoE design from the saved binning (rows matching no
 * bin get WoE 0), optional selection by IV and forward stepwise AIC, unpenalised IRLS,
 * PDO points scaling, AUC/KS/Gini on train and test, train-decile PD edges and the score
 * PSI train → test (spec credit.md §2.10–2.11, §6.3–6.4).
 */
import {forwardStepwise} from './forward-stepwise.js'
import type {BinnedFeature} from './feature-information.js'
import type {FeatureBinning} from './feature-binning.js'
import {fitLogistic} from './logistic-irls.js'
import {populationStability, type PopulationStability} from './population-stability.js'
import {quantileEdges} from './quantile-binning.js'
import {rangeIndex} from './feature-binning.js'
import {rocMetrics, type RocMetrics} from './roc-metrics.js'
import {binPoints, scaling as makeScaling, unmatchedPoints, type Scaling} from './scorecard-scaling.js'
import {scoreRows} from './scorecard-score.js'

export interface BinnedRows {
  readonly rows: number
  /** Bin index per row for every feature of the binning file (−1 unmatched). */
  readonly rowBins: readonly Int32Array[]
  readonly y: Uint8Array
}

export interface CardFeature {
  readonly feature: string
  readonly iv: number
  readonly coefficient: number
  readonly se: number
  readonly z: number
  readonly p: number
  readonly binning: FeatureBinning & {readonly woe: readonly number[]}
  readonly points: readonly number[]
  readonly unmatched_points: number
}

export interface SampleMetrics extends RocMetrics {
  readonly rows: number
  readonly mean_score: number
}

export interface Scorecard {
  readonly target: string
  readonly bad_label: string
  readonly woe_sign: string
  readonly scaling: Scaling
  readonly intercept: {readonly coefficient: number; readonly se: number; readonly z: number; readonly p: number}
  readonly iterations: number
  readonly converged: boolean
  readonly aic: number
  readonly features: readonly CardFeature[]
  readonly dropped: readonly {readonly feature: string; readonly reason: string}[]
  /** Train deciles of the predicted PD (right-closed), for score PSI and fairness. */
  readonly pd_edges: readonly number[]
  readonly train: SampleMetrics
  readonly test?: SampleMetrics
  readonly score_psi?: PopulationStability & {readonly test_counts: readonly number[]}
}

export interface ScorecardOptions {
  readonly pdo: number
  readonly basePoints: number
  readonly baseOdds: number
  readonly minIv: number
  readonly stepwise: boolean
  readonly zeroFill: number
}

function woeColumn(f: BinnedFeature, bins: Int32Array): Float64Array {
  return Float64Array.from(bins, (b) => (b < 0 ? 0 : f.binning.woe[b]))
}

function isConstant(x: Float64Array): boolean {
  return x.every((v) => v === x[0])
}

/** log-odds(bad) per row: b0 + Σ b_j·WoE_j in feature order. */
export function rowLogits(
  card: {intercept: {coefficient: number}; features: readonly CardFeature[]},
  rowBins: readonly Int32Array[],
  rows: number,
): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let eta = card.intercept.coefficient
    card.features.forEach((f, j) => {
      const b = rowBins[j][i]
      eta += f.coefficient * (b < 0 ? 0 : f.binning.woe[b])
    })
    out[i] = eta
  }
  return out
}

/** Unique type-7 deciles of the PDs. */
function pdDeciles(pd: Float64Array): number[] {
  const sorted = Float64Array.from(pd).sort()
  const values: number[] = []
  const counts: number[] = []
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) {
      counts[counts.length - 1]++
    } else {
      values.push(v)
      counts.push(1)
    }
  }
  return quantileEdges(values, counts, 10)
}

function sampleMetrics(
  card: Pick<Scorecard, 'intercept' | 'features'>,
  rowBins: readonly Int32Array[],
  d: BinnedRows,
): {m: SampleMetrics; pd: Float64Array} {
  const logits = rowLogits(card, rowBins, d.rows)
  const scores = scoreRows(card.features, rowBins, d.rows)
  const mean = scores.reduce((s, v) => s + v, 0) / d.rows
  return {
    m: {rows: d.rows, mean_score: mean, ...rocMetrics(logits, d.y)},
    pd: logits.map((e) => 1 / (1 + Math.exp(-e))),
  }
}

export function buildScorecard(
  features: readonly BinnedFeature[],
  train: BinnedRows,
  test: BinnedRows | undefined,
  o: ScorecardOptions,
  meta: {target: string; badLabel: string; woeSign: string},
): Scorecard {
  const dropped: {feature: string; reason: string}[] = []
  const candidates: number[] = []
  const columns = features.map((f, j) => woeColumn(f, train.rowBins[j]))
  features.forEach((f, j) => {
    if (f.iv < o.minIv) dropped.push({feature: f.feature, reason: `IV ${f.iv.toFixed(4)} < ${o.minIv}`})
    else if (isConstant(columns[j])) dropped.push({feature: f.feature, reason: 'constant WoE on the training rows'})
    else candidates.push(j)
  })
  const chosen = o.stepwise
    ? forwardStepwise(
        candidates.map((j) => columns[j]),
        train.y,
      ).map((k) => candidates[k])
    : candidates
  if (o.stepwise)
    for (const j of candidates)
      if (!chosen.includes(j))
        dropped.push({feature: features[j].feature, reason: 'not selected by forward stepwise AIC'})
  const x = new Float64Array(train.rows * chosen.length)
  for (let i = 0; i < train.rows; i++) chosen.forEach((j, k) => (x[i * chosen.length + k] = columns[j][i]))
  const fit = fitLogistic(x, train.rows, chosen.length, train.y)
  const s = makeScaling(o.pdo, o.basePoints, o.baseOdds)
  const b0 = fit.coefficients[0]
  const n = chosen.length
  const cardFeatures = chosen.map((j, k): CardFeature => {
    const f = features[j]
    const b = fit.coefficients[k + 1]
    return {
      feature: f.feature,
      iv: f.iv,
      coefficient: b,
      se: fit.standardErrors[k + 1],
      z: fit.z[k + 1],
      p: fit.p[k + 1],
      binning: f.binning,
      points: binPoints(s, b0, b, f.binning.woe, n),
      unmatched_points: unmatchedPoints(s, b0, n),
    }
  })
  const core = {
    intercept: {coefficient: b0, se: fit.standardErrors[0], z: fit.z[0], p: fit.p[0]},
    features: cardFeatures,
  }
  const pick = (d: BinnedRows) => chosen.map((j) => d.rowBins[j])
  const tr = sampleMetrics(core, pick(train), train)
  const pdEdges = pdDeciles(tr.pd)
  const card = {
    target: meta.target,
    bad_label: meta.badLabel,
    woe_sign: meta.woeSign,
    scaling: s,
    ...core,
    iterations: fit.iterations,
    converged: fit.converged,
    aic: fit.aic,
    dropped,
    pd_edges: pdEdges,
    train: tr.m,
  }
  if (!test) return card
  const te = sampleMetrics(core, pick(test), test)
  const counts = (pd: Float64Array) => {
    const c = new Float64Array(pdEdges.length + 1)
    for (const v of pd) c[rangeIndex(pdEdges, 'right', v)]++
    return c
  }
  const testCounts = counts(te.pd)
  const psi = populationStability(counts(tr.pd), testCounts, {zeroFill: o.zeroFill, alpha: 0.05})
  return {...card, test: te.m, score_psi: {...psi, test_counts: [...testCounts]}}
}
