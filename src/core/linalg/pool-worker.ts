/**
 * Worker-thread entry of the linear-algebra pool (see pool.ts): receives tasks, replies with
 * the values' buffer transferred (no copy). workerData: {preference, blasThreads}.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {chooseEigensolver} from './eigensolver-registry.js'
import {runPoolTask, serializeError, type PoolReply, type PoolTask} from './pool-task.js'

const {preference, blasThreads} = workerData as {preference: 'auto' | 'lapack' | 'typescript'; blasThreads: number}
chooseEigensolver(preference).setThreads(blasThreads)

parentPort?.on('message', (task: PoolTask) => {
  let reply: PoolReply
  try {
    const {values, route} = runPoolTask(task, preference)
    reply = {id: task.id, ok: true, values, route}
    parentPort?.postMessage(reply, [values.buffer as ArrayBuffer])
  } catch (error) {
    reply = {id: task.id, ok: false, error: serializeError(error)}
    parentPort?.postMessage(reply)
  }
})
