/**
 * Worker thread of `school sweep`: runs whole simulations (one seeded run per message) and
 * returns their second-half means. Each run is a deterministic function of its parameters, so
 * results do not depend on which thread ran them.
 */
import {parentPort} from 'node:worker_threads'
import type {CentroidMode} from '../kernels/school-centroid.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'
import {runSchool} from './simulate.js'

export interface SweepTask {
  id: number
  parameters: SchoolParameters
  centroid: CentroidMode
}

export type SweepReply =
  {id: number; polarization: number; rotation: number; oceanic_schooling_index: number} | {id: number; error: string}

/** The three second-half means a sweep keeps from one run. */
export async function sweepRun(task: SweepTask): Promise<SweepReply> {
  const r = await runSchool(task.parameters, {centroid: task.centroid, createdAt: ''})
  return {
    id: task.id,
    polarization: r.summary.polarization.mean2,
    rotation: r.summary.rotation.mean2,
    oceanic_schooling_index: r.summary.oceanic_schooling_index.mean2,
  }
}

parentPort?.on('message', (task: SweepTask) => {
  sweepRun(task).then(
    (reply) => parentPort!.postMessage(reply),
    (error: unknown) =>
      parentPort!.postMessage({id: task.id, error: error instanceof Error ? error.message : String(error)}),
  )
})
