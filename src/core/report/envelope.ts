/**
 * The report envelope shared by every infolens report: what ran, on what, how,
 * and how long it took; the family's payload sits under `result`.
 * Schemas are generated into `schemas/<family>.schema.json` from TypeBox sources (see src/report-schemas.ts);
 * all reuse `schemas/envelope.schema.json`, written from `EnvelopeSchema` (envelope-schema.ts).
 */
import type {Static} from '@sinclair/typebox'
import type {ReportInput} from '../io/checksum.js'
import type {EngineSchema} from './envelope-schema.js'
import {toolName, toolVersion} from '../version.js'

/** The engine that ran: tfjs backend, float64 linear algebra, threads (schema: `EngineSchema`). */
export type EngineInfo = Readonly<Static<typeof EngineSchema>>

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
