/**
 * The result of `spectral diff A B` on two checkpoints: the damage measurement (damage.ts), the --fail-on
 * gate over its layers (an expression that no layer can be judged by is bad input, never a pass), the keep
 * plan and the text of its --plan-out file. Nothing is written here; the command writes after all of it ran.
 */
import {checkGateJudgesSomething, gateFailures} from './gate.js'
import {measureDamage, type DamageOptions, type QuantizationDamage} from './damage.js'
import type {SpectralDiff} from './diff.js'
import {keepPlan, llamaCppOverrides, type KeepEntry, type KeepRule} from '../kernels/keep-plan.js'
import type {Predicate} from '../../../core/report/gate-expression.js'

export interface DamageResult {
  a: string
  b: string
  diff: SpectralDiff
  damage: QuantizationDamage & {
    gate: {expression: string; failed: string[]} | null
    keep: {rule: KeepRule; layers: KeepEntry[]} | null
  }
}

export interface DamageRequest extends DamageOptions {
  readonly gate?: {expression: string; predicate: Predicate}
  readonly keep?: KeepRule
  readonly planFormat: 'json' | 'llama-cpp'
}

export async function runDamage(
  pathA: string,
  pathB: string,
  request: DamageRequest,
  onLayer?: (name: string) => void,
): Promise<{result: DamageResult; files: string[]; planText: string | undefined}> {
  const {damage, diff, files} = await measureDamage(pathA, pathB, request, onLayer)
  const rows = damage.layers as unknown as ({name: string} & Record<string, unknown>)[]
  checkGateJudgesSomething(rows, request.gate?.expression, pathB)
  const gate = request.gate
    ? {expression: request.gate.expression, failed: gateFailures(rows, request.gate.predicate)}
    : null
  const kept = request.keep ? keepPlan(damage.layers, request.keep) : undefined
  const planText =
    kept === undefined
      ? undefined
      : request.planFormat === 'json'
        ? JSON.stringify(kept, null, 2) + '\n'
        : llamaCppOverrides(kept)
  return {
    result: {
      a: pathA,
      b: pathB,
      diff,
      damage: {...damage, gate, keep: request.keep && kept ? {rule: request.keep, layers: kept} : null},
    },
    files,
    planText,
  }
}
