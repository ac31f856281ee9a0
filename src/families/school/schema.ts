/** The `infolens.school/1` report of school simulate, analyze and sweep (schemas/school.schema.json). */
import {Type, type TUnknown} from '@sinclair/typebox'
import {metricNames, type MetricName} from './kernels/school-metrics.js'
import {Def, Enum, MapOf, Nullable, OneOf} from '../../core/report/json-schema.js'
import {ReportSchema} from '../../core/report/envelope-schema.js'

/** One required property per metric, in the kernel's order; the value schema comes from additionalProperties. */
function metricProperties() {
  return Object.fromEntries(metricNames.map((name) => [name, Type.Unknown()])) as Record<MetricName, TUnknown>
}

export const SchoolSummarySchema = Type.Object(metricProperties(), {
  description: 'per metric: final frame, mean and population std over frames T//2..T-1, min and max over all frames',
  additionalProperties: Type.Object(
    {
      final: Type.Number(),
      mean2: Type.Number(),
      std2: Type.Number({minimum: 0}),
      min: Type.Number(),
      max: Type.Number(),
    },
    {additionalProperties: false},
  ),
})

export const SchoolStateSchema = Enum(
  ['Highly Parallel', 'Dynamic Parallel', 'Torus/Milling', 'Transitional', 'Swarm', 'No collective state'],
  {description: 'state of the final frame by the rule in stateRule (dewi-kadita thresholds on P and M; N < 3: none)'},
)

const StateRuleSchema = Type.String({description: 'the classification rule that gave state, in words'})

export const SchoolCentroidSchema = Enum(['naive', 'periodic'])

export const SchoolMeanSdSchema = Type.Object(
  {mean: Type.Number(), sd: Type.Number({minimum: 0})},
  {additionalProperties: false},
)

export const SchoolMeanSdTableSchema = Type.Object(metricProperties(), {
  additionalProperties: Def('meanSd', SchoolMeanSdSchema),
})

export const SchoolEnsembleSchema = Type.Object(
  {
    members: Type.Integer({minimum: 2}),
    seeds: OneOf([Type.Null(), Type.Array(Type.Integer({minimum: 0}), {minItems: 2})], {
      description: 'member seeds; null in analyze when the file has no member_seed variable',
    }),
    states: Type.Array(Def('state', SchoolStateSchema)),
    statistics: Type.Object(
      {final: Def('meanSdTable', SchoolMeanSdTableSchema), mean2: Def('meanSdTable', SchoolMeanSdTableSchema)},
      {additionalProperties: false},
    ),
    summaries: Type.Optional(
      Type.Array(Def('summary', SchoolSummarySchema), {
        description: "analyze only: each member's summary, in member order",
      }),
    ),
  },
  {
    description:
      "M independent members (member m uses seed + m, member 0 is the run summarised in `summary`); statistics across members: mean and sample sd (n-1) of each member's final value and second-half mean",
    additionalProperties: false,
  },
)

export const SchoolSimulateSchema = Type.Object(
  {
    parameters: Type.Object({
      n_fish: Type.Integer({minimum: 1}),
      n_steps: Type.Integer({minimum: 1}),
      seed: Type.Integer({minimum: 0}),
      torus_radius: Nullable(Type.Number()),
      scenario_name: Type.Unknown(),
      box_size: Type.Unknown(),
      speed: Type.Unknown(),
      r_repulsion: Type.Unknown(),
      r_orientation: Type.Unknown(),
      r_attraction: Type.Unknown(),
      max_turn: Type.Unknown(),
      noise: Type.Unknown(),
      blind_angle: Type.Unknown(),
      orientation_weight: Type.Unknown(),
      torus_init: Type.Unknown(),
      dt: Type.Unknown(),
      save_interval: Type.Unknown(),
    }),
    frames: Type.Integer({minimum: 1}),
    search: Enum(['grid', 'all-pairs', 'tensor-all-pairs'], {
      description: 'neighbour search of the float64 kernel, or tensor-all-pairs for --precision float32',
    }),
    threads: Type.Integer({
      minimum: 1,
      description:
        'threads that ran the float64 step (--threads, default 1 below 2,000 fish and all cores from there on; 1 for ensembles, float32 and when workers cannot start); results are bit-identical for any count',
    }),
    centroid: Def('centroid', SchoolCentroidSchema),
    state: Def('state', SchoolStateSchema),
    stateRule: StateRuleSchema,
    summary: Def('summary', SchoolSummarySchema),
    netcdf: Nullable(Type.String()),
    plot: Nullable(Type.String()),
    ensemble: OneOf([Type.Null(), Def('ensemble', SchoolEnsembleSchema)]),
  },
  {additionalProperties: false},
)

export const SchoolAnalyzeSchema = Type.Object(
  {
    file: Type.String(),
    frames: Type.Integer({minimum: 1}),
    fish: Type.Integer({minimum: 1}),
    box_size: Type.Number({exclusiveMinimum: 0}),
    centroid: Def('centroid', SchoolCentroidSchema),
    state: Def('state', SchoolStateSchema),
    stateRule: StateRuleSchema,
    summary: Def('summary', SchoolSummarySchema),
    maxDifferenceFromStored: MapOf(Type.Number({minimum: 0})),
    ensemble: OneOf([Type.Null(), Def('ensemble', SchoolEnsembleSchema)], {
      description:
        'null unless the file has a member dimension (simulate --ensemble M): member 0 gives summary/state; per-member summaries and statistics across members as in simulate',
    }),
  },
  {additionalProperties: false},
)

export const SchoolSweepSchema = Type.Object(
  {
    parameter: Type.String(),
    seeds: Type.Array(Type.Integer(), {minItems: 1}),
    statistic: Type.String(),
    netcdf: Nullable(Type.String()),
    rows: Type.Array(
      Type.Object({
        value: Type.Number(),
        runs: Type.Object(
          {
            polarization: Type.Unknown(),
            rotation: Type.Unknown(),
            oceanic_schooling_index: Type.Unknown(),
          },
          {additionalProperties: Type.Array(Type.Number())},
        ),
        mean: Type.Object(
          {
            polarization: Type.Unknown(),
            rotation: Type.Unknown(),
            oceanic_schooling_index: Type.Unknown(),
          },
          {additionalProperties: Type.Number()},
        ),
      }),
    ),
  },
  {additionalProperties: false},
)

export const SchoolResultSchema = OneOf([
  Def('simulate', SchoolSimulateSchema),
  Def('analyze', SchoolAnalyzeSchema),
  Def('sweep', SchoolSweepSchema),
])

export const SchoolReportSchema = ReportSchema({
  $id: 'school.schema.json',
  title: 'infolens school report (simulate, analyze, sweep)',
  schema: 'infolens.school/1',
  definitions: {
    summary: SchoolSummarySchema,
    state: SchoolStateSchema,
    centroid: SchoolCentroidSchema,
    simulate: SchoolSimulateSchema,
    analyze: SchoolAnalyzeSchema,
    sweep: SchoolSweepSchema,
    meanSd: SchoolMeanSdSchema,
    meanSdTable: SchoolMeanSdTableSchema,
    ensemble: SchoolEnsembleSchema,
  },
  result: SchoolResultSchema,
})
