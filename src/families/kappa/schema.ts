/** The `infolens.kappa/1` report of `kappa plan` (schemas/kappa.schema.json). */
import {Type} from '@sinclair/typebox'
import {Const, Def, Enum, Nullable, OneOf} from '../../core/report/json-schema.js'
import {ReportSchema} from '../../core/report/envelope-schema.js'

export const KappaNumSchema = OneOf([Type.Number(), Enum(['inf', '-inf', 'nan'])])

export const KappaNumOrNullSchema = OneOf([Type.Number(), Enum(['inf', '-inf', 'nan', null])])

export const KappaTensorSchema = Type.Object(
  {
    name: Type.String({description: 'parameter name as stored'}),
    module: Type.String({description: 'name minus a final .weight (PEFT target_modules entry)'}),
    type: Type.String({description: 'layer type: path after the layer index, expert indices dropped'}),
    kind: Enum(['linear-weight', 'moe-parameter', null]),
    shape: Type.Array(Type.Integer({minimum: 0})),
    dtype: Type.String(),
    numel: Type.Integer({minimum: 0}),
    matrix: OneOf([Type.Null(), Type.Array(Type.Integer({minimum: 1}), {minItems: 2, maxItems: 2})]),
    experts: Nullable(Type.Integer({minimum: 1})),
    kappa: Def('numOrNull', KappaNumOrNullSchema, {
      description: 's1/sk (inf if sk = 0); fused experts: mean over experts. The ranking key.',
    }),
    kappa_peft: Def('numOrNull', KappaNumOrNullSchema, {description: 's1/(sk + eps), PEFT KappaTuneSelector value'}),
    log10_kappa: Def('numOrNull', KappaNumOrNullSchema),
    sigma_max: Def('numOrNull', KappaNumOrNullSchema),
    sigma_min: Def('numOrNull', KappaNumOrNullSchema),
    fro_norm: Def('numOrNull', KappaNumOrNullSchema),
    log_volume: Def('numOrNull', KappaNumOrNullSchema, {description: 'sum of ln s_i (nats)'}),
    log_volume_gap: Def('numOrNull', KappaNumOrNullSchema, {description: 'L - (k/2) ln(F^2/k) <= 0'}),
    log_volume_gap_per_dim: Def('numOrNull', KappaNumOrNullSchema),
    spectral_entropy: Def('numOrNull', KappaNumOrNullSchema),
    effective_rank: Def('numOrNull', KappaNumOrNullSchema),
    stable_rank: Def('numOrNull', KappaNumOrNullSchema),
    participation_ratio: Def('numOrNull', KappaNumOrNullSchema),
    kappa_mp: Def('numOrNull', KappaNumOrNullSchema, {
      description: 'Marchenko-Pastur kappa of a random matrix of the same shape',
    }),
    expert_kappa_min: Def('numOrNull', KappaNumOrNullSchema),
    expert_kappa_median: Def('numOrNull', KappaNumOrNullSchema),
    expert_kappa_max: Def('numOrNull', KappaNumOrNullSchema),
    selected: Type.Boolean(),
    rank_position: Nullable(Type.Integer({minimum: 1})),
    group: Nullable(Type.String()),
    group_rank: Nullable(Type.Integer({minimum: 1})),
    skip_reason: Enum([
      null,
      'ndim<2',
      'non-float-dtype',
      'unsupported-dtype',
      'empty',
      'embedding',
      'max-dim',
      'excluded',
      'not-included',
    ]),
    skip_detail: Nullable(Type.String()),
  },
  {additionalProperties: false},
)

export const KappaResultSchema = Type.Object({
  model: Type.String(),
  method: Const('kappatune'),
  budget: Type.Object({mode: Enum(['count', 'fraction', 'max-kappa']), value: Type.Number(), per_type: Type.Boolean()}),
  eps: Type.Number({minimum: 0}),
  precision: Const('f64'),
  scope: Enum(['linear', 'all-2d']),
  max_dim: Type.Integer({minimum: 1}),
  moe_suffixes: Type.Array(Type.String()),
  include: Nullable(Type.String()),
  exclude: Nullable(Type.String()),
  tensors: Type.Array(Def('tensor', KappaTensorSchema)),
  selection: Type.Object({
    target_modules: Type.Array(Type.String()),
    target_parameters: Type.Array(Type.String()),
    parameters: Type.Array(Type.String()),
    candidates: Type.Integer({minimum: 1}),
    selected: Type.Integer({minimum: 0}),
    trainable_params: Type.Integer({minimum: 0}),
    total_params: Type.Integer({minimum: 0}),
    trainable_fraction: Type.Number({minimum: 0, maximum: 1}),
    lora_params_per_rank: Type.Integer({minimum: 0}),
    per_type: Type.Array(Type.Object({type: Type.String(), candidates: Type.Integer(), selected: Type.Integer()})),
  }),
  skipped: Type.Array(Type.Object({name: Type.String(), skip_reason: Type.String(), detail: Type.String()})),
  warnings: Type.Array(Type.String()),
  compare: Type.Optional(
    Type.Object(
      {
        path: Type.String({description: 'Checkpoint B of --compare.'}),
        tensors: Type.Array(
          Type.Object(
            {
              name: Type.String(),
              b_name: Type.String({description: "B's name (differs when paired through the GGUF map)."}),
              kappa_a: Nullable(Type.Number({description: 's1/sk of A (null when infinite).'})),
              kappa_b: Nullable(Type.Number({description: 's1/sk of B.'})),
              delta_kappa: Nullable(Type.Number({description: 'kappa_b - kappa_a.'})),
            },
            {additionalProperties: false},
          ),
        ),
        unmatched: Type.Array(Type.Object({name: Type.String(), reason: Type.String()}, {additionalProperties: false})),
      },
      {additionalProperties: false, description: 'kappa plan --compare B: κ of each candidate in A and B.'},
    ),
  ),
  compute: Type.Object({
    solves: Type.Integer({minimum: 0}),
    cache_hits: Type.Integer({minimum: 0}),
    cache_hits_gram: Type.Integer({minimum: 0}),
    gram_rejected: Type.Integer({minimum: 0}),
    routes: Type.Object(
      {
        gram: Type.Integer({minimum: 0}),
        gram_lu: Type.Integer({minimum: 0}),
        svd: Type.Integer({minimum: 0}),
      },
      {
        additionalProperties: false,
        description:
          'Matrices solved in this run by route: sigma from the float64 Gram alone, the Gram with its small end re-solved from an LU factorization and proven within 1e-9 (square matrices), or an SVD.',
      },
    ),
    cache: Nullable(Type.String()),
    solver: Type.String(),
  }),
})

export const KappaReportSchema = ReportSchema({
  $id: 'kappa.schema.json',
  title: 'infolens kappa plan report (KappaTune)',
  description:
    'Canonical KappaTune plan: per-tensor condition-number metrics from float64 singular values, the budgeted selection (lowest kappa first) and skip reasons. Non-finite numbers are written as the strings "inf", "-inf" and "nan". See docs/kappa.md.',
  schema: 'infolens.kappa/1',
  definitions: {num: KappaNumSchema, numOrNull: KappaNumOrNullSchema, tensor: KappaTensorSchema},
  result: KappaResultSchema,
})
