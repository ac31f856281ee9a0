/** Loads test/fixtures/school/reference.json (written by reference.py, the independent NumPy implementation). */
import {readFileSync} from 'node:fs'
import type {SchoolParameters} from '../../../../src/families/school/kernels/school-parameters.js'

export interface ReferenceFrame {
  step: number
  positions: number[]
  velocities: number[]
  metrics: Record<string, number>
  metrics_periodic: Record<string, number>
}

export interface ReferenceFixture {
  rng: {seed: number; rand_5x3: number[]; randn_7x3: number[]; randn_1001: number[]; rand_after: number[]}[]
  runs: {name: string; params: Omit<SchoolParameters, 'scenario_name' | 'save_interval'>; frames: ReferenceFrame[]}[]
  fixed_frames: {
    name: string
    box_size: number
    positions: number[]
    velocities: number[]
    metrics: Record<string, number>
    metrics_periodic: Record<string, number>
  }[]
}

export const reference: ReferenceFixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/school/reference.json', import.meta.url), 'utf8'),
) as ReferenceFixture

export function runParameters(run: ReferenceFixture['runs'][number]): SchoolParameters {
  return {...run.params, scenario_name: run.name, save_interval: 1}
}
