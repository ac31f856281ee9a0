/**
 * Parameters of the 3-D Couzin zone model as dewi-kadita names them (`configs/case*.txt`),
 * the four canonical configurations of the paper, and their validation (spec school.md §2.1, §3.1).
 */

export interface SchoolParameters {
  scenario_name: string
  n_fish: number
  box_size: number
  speed: number
  r_repulsion: number
  r_orientation: number
  r_attraction: number
  /** radians per step */
  max_turn: number
  noise: number
  /** degrees, half-angle of the rear blind cone */
  blind_angle: number
  orientation_weight: number
  torus_init: boolean
  /** null → 0.25·box_size */
  torus_radius: number | null
  dt: number
  n_steps: number
  seed: number
  /** store every K-th frame (frame 0 always) */
  save_interval: number
}

export type CanonicalConfigName = 'swarm' | 'torus' | 'dynamic-parallel' | 'highly-parallel'
export const canonicalConfigNames: readonly CanonicalConfigName[] = [
  'swarm',
  'torus',
  'dynamic-parallel',
  'highly-parallel',
]

const base = {orientation_weight: 1, torus_init: false, torus_radius: null, dt: 0.1, save_interval: 1}

/** The four canonical configurations of dewi-kadita (`configs/case1..4_*.txt`). */
export const canonicalConfigs: Readonly<Record<CanonicalConfigName, SchoolParameters>> = {
  swarm: {
    ...base,
    scenario_name: 'Case 1 - Swarm',
    n_fish: 150,
    box_size: 25,
    speed: 1,
    r_repulsion: 2,
    r_orientation: 3,
    r_attraction: 15,
    max_turn: 0.4,
    noise: 0.2,
    blind_angle: 30,
    n_steps: 1000,
    seed: 42,
  },
  torus: {
    ...base,
    scenario_name: 'Case 2 - Torus',
    n_fish: 200,
    box_size: 25,
    speed: 1,
    r_repulsion: 1,
    r_orientation: 3,
    r_attraction: 10,
    max_turn: 0.2,
    noise: 0.05,
    blind_angle: 150,
    orientation_weight: 0.1,
    torus_init: true,
    torus_radius: 6,
    n_steps: 2000,
    seed: 42,
  },
  'dynamic-parallel': {
    ...base,
    scenario_name: 'Case 3 - Dynamic Parallel',
    n_fish: 180,
    box_size: 28,
    speed: 1.2,
    r_repulsion: 1,
    r_orientation: 10,
    r_attraction: 18,
    max_turn: 0.35,
    noise: 0.12,
    blind_angle: 25,
    n_steps: 1500,
    seed: 456,
  },
  'highly-parallel': {
    ...base,
    scenario_name: 'Case 4 - Highly Parallel',
    n_fish: 250,
    box_size: 35,
    speed: 1.5,
    r_repulsion: 1,
    r_orientation: 12,
    r_attraction: 20,
    max_turn: 0.2,
    noise: 0.05,
    blind_angle: 20,
    n_steps: 1000,
    seed: 789,
  },
}

/** Numeric parameter keys, in the order they are recorded as NetCDF attributes. */
export const numericParameterKeys = [
  'n_fish',
  'box_size',
  'speed',
  'r_repulsion',
  'r_orientation',
  'r_attraction',
  'max_turn',
  'noise',
  'blind_angle',
  'orientation_weight',
  'dt',
  'n_steps',
  'save_interval',
  'seed',
  'torus_radius',
] as const

/** Keys that must be integers (recorded as int32 attributes). */
export const integerParameterKeys = new Set<string>(['n_fish', 'n_steps', 'save_interval', 'seed'])

export interface ParameterProblem {
  field: string
  expected: string
}

/** The first violated constraint, or null when the parameters are usable. */
export function findParameterProblem(p: SchoolParameters): ParameterProblem | null {
  const checks: [string, boolean, string][] = [
    ['n_fish', Number.isInteger(p.n_fish) && p.n_fish >= 1 && p.n_fish <= 10_000_000, 'an integer number of fish >= 1'],
    ['box_size', finite(p.box_size) && p.box_size > 0, 'a box size > 0'],
    ['speed', finite(p.speed) && p.speed > 0, 'a speed > 0'],
    ['r_repulsion', finite(p.r_repulsion) && p.r_repulsion > 0, 'a radius > 0'],
    [
      'r_orientation',
      finite(p.r_orientation) && p.r_orientation > p.r_repulsion,
      'a radius > r_repulsion (r_r < r_o <= r_a)',
    ],
    [
      'r_attraction',
      finite(p.r_attraction) && p.r_attraction >= p.r_orientation,
      'a radius >= r_orientation (r_r < r_o <= r_a)',
    ],
    ['max_turn', finite(p.max_turn) && p.max_turn >= 0, 'a turn limit >= 0 (radians per step)'],
    ['noise', finite(p.noise) && p.noise >= 0, 'a noise standard deviation >= 0'],
    [
      'blind_angle',
      finite(p.blind_angle) && p.blind_angle >= 0 && p.blind_angle <= 180,
      'a blind half-angle in [0, 180] degrees',
    ],
    [
      'orientation_weight',
      finite(p.orientation_weight) && p.orientation_weight >= 0 && p.orientation_weight <= 1,
      'a weight in [0, 1]',
    ],
    [
      'torus_radius',
      p.torus_radius === null || (finite(p.torus_radius) && p.torus_radius > 0),
      'a ring radius > 0 or null',
    ],
    ['dt', finite(p.dt) && p.dt > 0, 'a time step > 0'],
    ['n_steps', Number.isInteger(p.n_steps) && p.n_steps >= 1, 'an integer number of steps >= 1'],
    ['seed', Number.isInteger(p.seed) && p.seed >= 0 && p.seed <= 0xffffffff, 'an integer seed in [0, 4294967295]'],
    ['save_interval', Number.isInteger(p.save_interval) && p.save_interval >= 1, 'an integer save interval >= 1'],
    ['torus_init', typeof p.torus_init === 'boolean', 'true or false'],
    ['scenario_name', typeof p.scenario_name === 'string', 'a string'],
  ]
  for (const [field, ok, expected] of checks) if (!ok) return {field, expected}
  return null
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

/** Number of stored frames: frame 0 plus every save_interval-th step (n_steps // K + 1). */
export function frameCount(p: Pick<SchoolParameters, 'n_steps' | 'save_interval'>): number {
  return Math.floor(p.n_steps / p.save_interval) + 1
}
