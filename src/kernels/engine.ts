/**
 * PLACEHOLDER until the engine issue lands: records the cpu backend.
 * The engine issue replaces this with real tfjs backend selection.
 */
import type {EngineInfo} from '../report/envelope.js'
import {availableParallelism} from 'node:os'

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu'

export async function selectEngine(options: {backend: BackendPreference; threads?: number}): Promise<EngineInfo> {
  return {backend: options.backend === 'auto' ? 'cpu' : options.backend, lapack: 'typescript', threads: options.threads ?? availableParallelism()}
}

export interface BackendProbe {
  readonly name: string
  readonly loaded: boolean
  readonly detail: string
}

export async function probeBackends(): Promise<BackendProbe[]> {
  return [{name: 'cpu', loaded: true, detail: 'placeholder'}]
}
