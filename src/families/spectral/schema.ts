/**
 * The `infolens.spectral/1` report (schemas/spectral.schema.json): analyze and refit write the first `result`
 * branch, diff the second.
 */
import {Type, type Static} from '@sinclair/typebox'
import type {SkippedTensor} from './pipeline/layer-selection.js'
import type {SpectralLayer} from './pipeline/analyze-checkpoint.js'
import type {SpectralSummary} from './kernels/summary.js'
import {AnyObject, Def, Enum, MapOf, Nullable, OneOf} from '../../core/report/json-schema.js'
import {ReportSchema} from '../../core/report/envelope-schema.js'

export const SpectralNumSchema = Nullable(Type.Number())

export const SpectralLayerSchema = Type.Object({
  name: Type.String(),
  layer_id: Type.Optional(Type.Integer({minimum: 0})),
  layer_type: Enum(['dense', 'conv2d']),
  N: Type.Integer({minimum: 1}),
  M: Type.Integer({minimum: 1}),
  rf: Type.Integer({minimum: 1}),
  Q: Type.Number({minimum: 1}),
  num_evals: Type.Integer({minimum: 0}),
  lambda_max: Type.Number(),
  alpha: Def('num', SpectralNumSchema),
  alpha_weighted: Def('num', SpectralNumSchema),
  D: Def('num', SpectralNumSchema),
  sigma: Def('num', SpectralNumSchema),
  xmin: Def('num', SpectralNumSchema),
  xmax: Def('num', SpectralNumSchema),
  num_pl_spikes: Nullable(Type.Integer()),
  log_norm: Type.Number(),
  log_spectral_norm: Type.Number(),
  stable_rank: Type.Number(),
  log_alpha_norm: Def('num', SpectralNumSchema),
  norm: Type.Number(),
  spectral_norm: Type.Number(),
  matrix_rank: Type.Integer(),
  rank_loss: Type.Integer(),
  weak_rank_loss: Type.Optional(Type.Integer()),
  entropy: Type.Number(),
  detX_num: Type.Integer(),
  detX_val: Type.Number(),
  detX_val_rescaled: Type.Number(),
  setol_gap: Def('num', SpectralNumSchema),
  status: Enum(['ok', 'failed']),
  reason: Type.Optional(Type.String()),
  warning: Enum(['', 'over-trained', 'under-trained']),
  num_fingers: Type.Optional(Type.Integer()),
  raw_alpha: Type.Optional(Def('num', SpectralNumSchema)),
  Lambda: Type.Optional(Def('num', SpectralNumSchema)),
  mp_softrank: Type.Optional(Type.Number()),
  num_spikes: Type.Optional(Type.Integer()),
  bulk_max: Type.Optional(Type.Number()),
  bulk_min: Type.Optional(Type.Number()),
  sigma_mp: Type.Optional(Type.Number()),
  W_scale: Type.Optional(Type.Number()),
  rand_distance: Type.Optional(Type.Number()),
  max_rand_eval: Type.Optional(Type.Number()),
  ww_softrank: Type.Optional(Type.Number()),
  ww_maxdist: Type.Optional(Type.Number()),
  rand_num_spikes: Type.Optional(Type.Integer()),
  rand_sigma_mp: Type.Optional(Type.Number()),
  rand_mp_softrank: Type.Optional(Type.Number()),
  rand_W_scale: Type.Optional(Type.Number()),
  rand_bulk_max: Type.Optional(Type.Number()),
  rand_bulk_min: Type.Optional(Type.Number()),
})

export const SpectralSummarySchema = Type.Object({
  means: MapOf(Type.Number()),
  medians: MapOf(Type.Number()),
  counts: Type.Object(
    {
      ok: Type.Integer({minimum: 0}),
      failed: Type.Integer({minimum: 0}),
      skipped: Type.Integer({minimum: 0}),
      over_trained: Type.Integer({minimum: 0}),
      under_trained: Type.Integer({minimum: 0}),
    },
    {additionalProperties: Type.Integer({minimum: 0})},
  ),
})

/** analyze and refit. */
export const SpectralAnalyzeResultSchema = Type.Object({
  source: Type.Object({
    kind: Enum(['checkpoint', 'netcdf']),
    path: Type.String(),
    files: Type.Array(Type.String()),
  }),
  layers: Type.Array(Def('layer', SpectralLayerSchema)),
  skipped: Type.Array(
    Type.Object({
      name: Type.Unknown(),
      dtype: Type.Unknown(),
      shape: Type.Unknown(),
      reason: Type.Unknown(),
    }),
  ),
  summary: Def('summary', SpectralSummarySchema),
  gate: Type.Optional(Type.Object({failed: Type.Array(Type.String()), expression: Type.String()})),
  outputs: AnyObject(),
  cache: Type.Optional(
    Type.Object({
      dir: Nullable(Type.String()),
      solved: Type.Integer({minimum: 0}),
      cached: Type.Integer({minimum: 0}),
    }),
  ),
  conventions: Type.Object({eigenvalues: Type.String(), fit: Type.String()}),
})

const num = (description: string) => Nullable(Type.Number({description}))

/** Quantization damage of one weight layer (two checkpoints); deltas are B − A. */
export const DamageLayerSchema = Type.Object(
  {
    name: Type.String({description: "A's tensor name."}),
    b_name: Type.String({description: "B's tensor name (differs when paired through the GGUF map)."}),
    gguf: Nullable(Type.String({description: 'GGUF name (for --tensor-type overrides), null when none is known.'})),
    dtype_a: Type.String(),
    dtype_b: Type.String(),
    shape: Type.Array(Type.Integer({minimum: 0})),
    rank: Type.Integer({minimum: 1, description: '1 = most damaged (by rel_frobenius).'}),
    rel_frobenius: Type.Number({description: '‖B − A‖_F / ‖A‖_F (the ranking key).'}),
    sigma1_rel_change: Type.Number({description: '|σ₁(B) − σ₁(A)| / σ₁(A).'}),
    rel_spectral_error: Type.Number({description: '‖B − A‖₂ / ‖A‖₂ (conv2d: max over kernel slices).'}),
    top_eigen_shift: Type.Array(Type.Number(), {description: '(λᵢ(B) − λᵢ(A)) / λᵢ(A) for the top-k λ = σ².'}),
    top_shift_max: Type.Number({description: 'max |top_eigen_shift|.'}),
    kappa_a: num('σ_max/σ_min of A (null when σ_min = 0).'),
    kappa_b: num('σ_max/σ_min of B.'),
    delta_kappa: num('κ(B) − κ(A).'),
    alpha_a: num('WeightWatcher α of A.'),
    delta_alpha: num('α(B) − α(A).'),
    delta_D: num('D(B) − D(A).'),
    delta_xmin: num('xmin(B) − xmin(A).'),
    delta_stable_rank: num('stable rank(B) − stable rank(A).'),
  },
  {additionalProperties: false},
)

export const QuantizationDamageSchema = Type.Object(
  {
    ranking: Type.Literal('rel_frobenius (descending)'),
    topK: Type.Integer({minimum: 1}),
    layers: Type.Array(DamageLayerSchema, {minItems: 1}),
    unmatched: Type.Array(
      Type.Object({name: Type.String(), side: Enum(['A', 'B']), reason: Type.String()}, {additionalProperties: false}),
    ),
    formats: Type.Object({a: Type.String(), b: Type.String()}, {additionalProperties: false}),
    gate: Nullable(Type.Object({expression: Type.String(), failed: Type.Array(Type.String())})),
    keep: Nullable(
      Type.Object({
        rule: Type.Object({
          count: Type.Optional(Type.Integer({minimum: 1})),
          threshold: Type.Optional(Type.Number({minimum: 0})),
          type: Type.String(),
        }),
        layers: Type.Array(
          Type.Object({
            name: Type.String(),
            gguf: Nullable(Type.String()),
            type: Type.String(),
            rel_frobenius: Type.Number(),
          }),
        ),
      }),
    ),
  },
  {additionalProperties: false},
)

/** diff: two results matched by layer name; with two checkpoints also the quantization damage. */
export const SpectralDiffResultSchema = Type.Object({
  damage: Type.Optional(QuantizationDamageSchema),
  diff: Type.Object({
    matched: Type.Unknown(),
    onlyInA: Type.Unknown(),
    onlyInB: Type.Unknown(),
    layers: Type.Unknown(),
    movedMost: Type.Unknown(),
    summaryDelta: Type.Unknown(),
  }),
  a: Type.Unknown(),
  b: Type.Unknown(),
})

export const SpectralResultSchema = OneOf([SpectralAnalyzeResultSchema, SpectralDiffResultSchema], {type: 'object'})

export const SpectralReportSchema = ReportSchema({
  $id: 'spectral.schema.json',
  title: 'infolens spectral report (analyze, refit, diff)',
  schema: 'infolens.spectral/1',
  definitions: {num: SpectralNumSchema, layer: SpectralLayerSchema, summary: SpectralSummarySchema},
  result: SpectralResultSchema,
})

/**
 * The `result` of spectral analyze and refit. `source`, `conventions`, `gate`, `outputs` and `cache` follow the
 * schema; layers, skipped tensors and the summary keep their pipeline types, which carry fields the schema
 * leaves open (dtype, shape, sv_max, ...).
 */
export type SpectralReportResult = Omit<
  Static<typeof SpectralAnalyzeResultSchema>,
  'layers' | 'skipped' | 'summary' | 'outputs'
> & {
  layers: SpectralLayer[]
  skipped: SkippedTensor[]
  summary: SpectralSummary
  outputs: {netcdf?: string; plots?: string[]}
}
