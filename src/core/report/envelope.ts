/**
 * The report envelope shared by every infolens report: what ran, on what, how,
 * and how long it took; the family's payload sits under `result`.
 * Schemas live in `schemas/<family>.schema.json` and all reuse `schemas/envelope.schema.json`.
 */
import type {ReportInput} from '../io/checksum.js'
import {toolName, toolVersion} from '../version.js'

export interface EngineInfo {
  /** The tfjs backend that ran (`tensorflow`, `wasm`, `cpu`), or `none` when the command used no tensors. */
  readonly backend: string
  /** Float64 linear algebra implementation: `lapack` (native addon) or `typescript`. */
  readonly lapack: string
  readonly threads: number
  readonly tfjsVersion?: string
}

export interface Report<R> {
  readonly schema: string
  readonly tool: {readonly name: string; readonly version: string}
  readonly command: readonly string[]
  readonly createdAt: string
  readonly inputs: readonly ReportInput[]
  readonly options: Readonly<Record<string, unknown>>
  readonly engine: EngineInfo
  readonly seed?: number
  readonly timings: Readonly<Record<string, number>>
  readonly warnings: readonly string[]
  readonly result: R
}

export interface ReportParts<R> {
  schema: string
  command: readonly string[]
  inputs: readonly ReportInput[]
  options: Record<string, unknown>
  engine: EngineInfo
  seed?: number
  timings: Record<string, number>
  warnings?: readonly string[]
  result: R
}

export function buildReport<R>(parts: ReportParts<R>): Report<R> {
  return {
    schema: parts.schema,
    tool: {name: toolName, version: toolVersion},
    command: [...parts.command],
    createdAt: new Date().toISOString(),
    inputs: parts.inputs,
    options: parts.options,
    engine: parts.engine,
    ...(parts.seed === undefined ? {} : {seed: parts.seed}),
    timings: parts.timings,
    warnings: [...(parts.warnings ?? [])],
    result: parts.result,
  }
}
