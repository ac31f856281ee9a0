/**
 * Longer than 250 lines on purpose: the writer and the reader of one file layout sit together so the variable
 * names and attributes cannot drift apart.
 *
 * School trajectories as CDF-2 (64-bit offset) NetCDF with dewi-kadita's variable names and
 * CF-1.8 attributes (spec school.md §3.2–3.3): `time` is the record dimension so frames stream to
 * disk while the simulation runs; integer parameters are NC_INT (NetCDF-3 has no int64); the
 * seed, orientation weight, ring start and centroid mode are recorded so a run can be repeated.
 * Global summary attributes (final_*, mean_*) are not written: the header precedes the data.
 */
import {InputError} from '../../../core/errors.js'
import {NetcdfWriter, ncInt, openNetcdf, type AttrValue, type VariableSpec} from '../../../core/netcdf/index.js'
import {metricNames} from '../kernels/school-metrics.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {toolVersion} from '../../../core/version.js'

const dimensionless = (longName: string, description?: string): Record<string, AttrValue> => ({
  units: 'dimensionless',
  long_name: longName,
  valid_range: [0, 1],
  ...(description ? {description} : {}),
})

const metricAttributes: Record<string, Record<string, AttrValue>> = {
  polarization: dimensionless('school_polarization_order_parameter'),
  rotation: dimensionless('school_rotation_order_parameter'),
  order_index: dimensionless('order_index', 'Simple order index: max(P, M). High = ordered.'),
  school_cohesion_entropy: dimensionless('school_cohesion_entropy', 'School cohesion entropy (NND distribution)'),
  polarization_entropy: dimensionless('polarization_entropy', 'Polarization entropy (heading distribution)'),
  depth_stratification_entropy: dimensionless('depth_stratification_entropy', 'Depth stratification entropy'),
  angular_momentum_entropy: dimensionless('angular_momentum_entropy', 'Angular momentum entropy (milling)'),
  nearest_neighbor_entropy: dimensionless('nearest_neighbor_entropy', 'k-NN distance entropy'),
  velocity_correlation_entropy: dimensionless(
    'velocity_correlation_entropy',
    'Velocity correlation entropy (pairwise alignment)',
  ),
  school_shape_entropy: dimensionless('school_shape_entropy', 'School shape entropy (PCA)'),
  oceanic_schooling_index: dimensionless(
    'oceanic_schooling_index',
    'Composite Oceanic Schooling Index (high = disorder)',
  ),
  spread: {units: 'simulation_length_units', long_name: 'school_spread_rms'},
}

/**
 * Variables in upstream creation order. With an ensemble, every per-frame variable gains a
 * `member` dimension after `time` (time stays the record dimension, so frames still stream).
 */
function variables(ensemble: boolean): VariableSpec[] {
  const e = ensemble ? ['member'] : []
  const t = ['time', ...e]
  const tf = ['time', ...e, 'fish']
  const tfs = ['time', ...e, 'fish', 'spatial']
  const len = 'simulation_length_units'
  const vel = 'simulation_velocity_units'
  const metric = (name: string): VariableSpec => ({
    name,
    type: 'double',
    dimensions: t,
    attributes: metricAttributes[name],
  })
  return [
    {
      name: 'time',
      type: 'double',
      dimensions: ['time'],
      attributes: {units: 'simulation_time_units', long_name: 'simulation_time', axis: 'T'},
    },
    ...(ensemble
      ? ([
          {
            name: 'member',
            type: 'int',
            dimensions: ['member'],
            attributes: {long_name: 'ensemble_member', standard_name: 'realization', units: '1'},
          },
          {
            name: 'member_seed',
            type: 'int',
            dimensions: ['member'],
            attributes: {long_name: 'random_seed_of_member', comment: 'member m uses seed + m'},
          },
        ] satisfies VariableSpec[])
      : []),
    {name: 'fish', type: 'int', dimensions: ['fish'], attributes: {long_name: 'fish_index', units: '1'}},
    {
      name: 'spatial',
      type: 'int',
      dimensions: ['spatial'],
      attributes: {long_name: 'spatial_dimension', comment: '0=x, 1=y, 2=z (depth)'},
    },
    metric('polarization'),
    metric('rotation'),
    {name: 'positions', type: 'double', dimensions: tfs, attributes: {units: len, long_name: 'fish_positions'}},
    {name: 'velocities', type: 'double', dimensions: tfs, attributes: {units: vel, long_name: 'fish_velocities'}},
    ...['x', 'y', 'z'].flatMap((c): VariableSpec[] => [
      {name: c, type: 'double', dimensions: tf, attributes: {units: len, long_name: `fish_${c}_position`}},
      {name: `v${c}`, type: 'double', dimensions: tf, attributes: {units: vel, long_name: `fish_${c}_velocity`}},
    ]),
    ...metricNames.filter((m) => !['polarization', 'rotation', 'spread'].includes(m)).map(metric),
    metric('spread'),
  ]
}

export interface TrajectoryWriterOptions {
  centroid: string
  /** ensemble size M (default 1: upstream's layout, no member dimension); member m has seed p.seed + m */
  members?: number
  /** ISO time for the history attribute (SOURCE_DATE_EPOCH makes files byte-reproducible). */
  createdAt: string
}

/** Streams frames of one run into `path` (atomic: nothing appears until close). */
export class TrajectoryWriter {
  private readonly writer: NetcdfWriter
  private readonly n: number
  private readonly members: number
  private readonly columns: Float64Array[]
  private readonly pos: Float64Array
  private readonly vel: Float64Array
  private readonly metricColumns: Float64Array[]

  constructor(path: string, p: SchoolParameters, options: TrajectoryWriterOptions) {
    this.n = p.n_fish
    const members = options.members ?? 1
    this.members = members
    const attrs: Record<string, AttrValue> = {
      title: '3D Couzin Model Fish Schooling Simulation',
      scenario_name: p.scenario_name,
      institution: 'infolens',
      source: `infolens ${toolVersion} school simulate (dewi-kadita-compatible 3-D Couzin model, NumPy-path semantics)`,
      history: `Created ${options.createdAt}`,
      Conventions: 'CF-1.8',
      n_fish: ncInt(p.n_fish),
      box_size: p.box_size,
      speed: p.speed,
      r_repulsion: p.r_repulsion,
      r_orientation: p.r_orientation,
      r_attraction: p.r_attraction,
      max_turn: p.max_turn,
      noise: p.noise,
      blind_angle: p.blind_angle,
      n_steps: ncInt(p.n_steps),
      save_interval: ncInt(p.save_interval),
      dt: p.dt,
      orientation_weight: p.orientation_weight,
      torus_init: ncInt(p.torus_init ? 1 : 0),
      torus_radius: p.torus_radius ?? p.box_size * 0.25,
      seed: ncInt(p.seed),
      rng: 'numpy-legacy-mt19937',
      centroid: options.centroid,
      license: 'MIT',
      ...(members > 1
        ? {ensemble_members: ncInt(members), ensemble_seeds: `member m (0-based) uses seed ${p.seed} + m`}
        : {}),
    }
    this.writer = NetcdfWriter.create(path, {
      format: '64bit-offset',
      dimensions: [
        {name: 'time', size: 'unlimited'},
        ...(members > 1 ? [{name: 'member', size: members}] : []),
        {name: 'fish', size: p.n_fish},
        {name: 'spatial', size: 3},
      ],
      attributes: attrs,
      variables: variables(members > 1),
    })
    if (members > 1) {
      this.writer.writeVariable(
        'member',
        Int32Array.from({length: members}, (_, m) => m),
      )
      this.writer.writeVariable(
        'member_seed',
        Int32Array.from({length: members}, (_, m) => p.seed + m),
      )
    }
    this.writer.writeVariable(
      'fish',
      Int32Array.from({length: p.n_fish}, (_, i) => i),
    )
    this.writer.writeVariable('spatial', [0, 1, 2])
    this.columns = Array.from({length: 6}, () => new Float64Array(members * p.n_fish))
    this.pos = new Float64Array(members * 3 * p.n_fish)
    this.vel = new Float64Array(members * 3 * p.n_fish)
    this.metricColumns = metricNames.map(() => new Float64Array(members))
  }

  /** Appends one frame of a single run (positions, velocities N×3, metrics in metricNames order). */
  append(time: number, pos: Float64Array, vel: Float64Array, metrics: ArrayLike<number>): void {
    this.appendMembers(time, [{positions: pos, velocities: vel}], [metrics])
  }

  /** Appends one frame of every member (states and metric rows in member order). */
  appendMembers(
    time: number,
    states: readonly {positions: Float64Array; velocities: Float64Array}[],
    metrics: readonly ArrayLike<number>[],
  ): void {
    const [x, y, z, vx, vy, vz] = this.columns
    const n = this.n
    for (let m = 0; m < this.members; m++) {
      const {positions: pos, velocities: vel} = states[m]
      this.pos.set(pos.subarray(0, 3 * n), 3 * n * m)
      this.vel.set(vel.subarray(0, 3 * n), 3 * n * m)
      for (let i = 0; i < n; i++) {
        const o = m * n + i
        x[o] = pos[3 * i]
        y[o] = pos[3 * i + 1]
        z[o] = pos[3 * i + 2]
        vx[o] = vel[3 * i]
        vy[o] = vel[3 * i + 1]
        vz[o] = vel[3 * i + 2]
      }
      metricNames.forEach((_, k) => (this.metricColumns[k][m] = metrics[m][k]))
    }
    const record: Record<string, ArrayLike<number>> = {
      time: [time],
      positions: this.pos,
      velocities: this.vel,
      x,
      y,
      z,
      vx,
      vy,
      vz,
    }
    metricNames.forEach((name, k) => (record[name] = this.metricColumns[k]))
    this.writer.appendRecord(record)
  }

  close(): Promise<void> {
    return this.writer.close()
  }

  abort(): void {
    this.writer.abort()
  }
}

export interface Trajectory {
  boxSize: number
  frames: number
  fish: number
  time: Float64Array
  /** (time, fish, 3), or (time, member, fish, 3) for an ensemble file, C order */
  positions: Float64Array
  velocities: Float64Array
  /** ensemble size: the `member` dimension (1 when the file has none) */
  members: number
  /** the members' seeds (`member_seed`), or null when absent (single runs, foreign files) */
  memberSeeds: number[] | null
  /** metrics stored in the file, by name (absent variables omitted): (time) or (time, member) */
  stored: Record<string, Float64Array>
}

/**
 * Reads positions/velocities (time, fish, spatial) — or (time, member, fish, spatial) from an
 * ensemble file of `simulate --ensemble M` — and the box size (global `box_size` attribute, or
 * `--box`) from our files or any CF file with those variables.
 */
export function readTrajectory(path: string, boxOverride?: number): Trajectory {
  const file = openNetcdf(path)
  const need = (name: string) => {
    const v = file.header.variables.find((x) => x.name === name)
    if (!v)
      throw new InputError('variable missing; expected positions and velocities (time, fish, spatial)', {
        file: path,
        field: name,
      })
    const ensemble = v.shape.length === 4 && v.dimensions[1] === 'member'
    if (!(v.shape.length === 3 || ensemble) || v.shape[v.shape.length - 1] !== 3) {
      throw new InputError(
        `expected dimensions (time, fish, spatial=3) or (time, member, fish, spatial=3), got (${v.dimensions.join(', ')}) [${v.shape.join(', ')}]`,
        {file: path, field: name},
      )
    }
    return v
  }
  const pv = need('positions')
  const vv = need('velocities')
  if (pv.shape.join() !== vv.shape.join())
    throw new InputError('expected the same shape as positions', {file: path, field: 'velocities'})
  const boxAttr = file.header.attributes.find((a) => a.name === 'box_size')
  const box = boxOverride ?? (boxAttr && typeof boxAttr.value !== 'string' ? boxAttr.value[0] : undefined)
  if (box === undefined || !(box > 0))
    throw new InputError('expected a global attribute box_size > 0 (or pass --box)', {file: path, field: 'box_size'})
  const members = pv.shape.length === 4 ? pv.shape[1] : 1
  const [frames, fish] = [pv.shape[0], pv.shape[pv.shape.length - 2]]
  if (fish < 1 || frames < 1 || members < 1)
    throw new InputError('expected at least one frame, member and fish', {file: path, field: 'positions'})
  const asF64 = (name: string) => Float64Array.from(file.read(name))
  const metricShape = members > 1 ? [frames, members].join() : String(frames)
  const stored: Record<string, Float64Array> = {}
  for (const m of metricNames) {
    const v = file.header.variables.find((x) => x.name === m)
    if (v && v.shape.join() === metricShape) stored[m] = asF64(m)
  }
  const has = (name: string) => file.header.variables.some((v) => v.name === name)
  const seeds = has('member_seed') ? Array.from(file.read('member_seed'), Number) : null
  return {
    boxSize: box,
    frames,
    fish,
    members,
    memberSeeds: seeds !== null && seeds.length === members ? seeds : null,
    time: has('time') ? asF64('time') : Float64Array.from({length: frames}, (_, k) => k),
    positions: asF64('positions'),
    velocities: asF64('velocities'),
    stored,
  }
}
