/**
 * `report merge --emit DIR` for `kappa plan --shard K/N` parts: the plan files `kappa plan --emit DIR` writes
 * (PEFT, Axolotl, Spectrum, the unfreeze list and the report itself), rendered from the merged report, whose
 * budget selection was made once over all tensors. The LoRA settings and the model name come from the parts'
 * options, as the command takes them from its flags.
 */
import {basename} from 'node:path'
import {InputError} from '../../core/errors.js'
import type {Report} from '../../core/report/envelope.js'
import type {FilesMerger} from '../../core/shard/result-merger.js'
import {emitPlanFiles, planFiles} from './io/formats/plan-files.js'
import type {KappaPlanResult} from './pipeline.js'

export const kappaPlanFilesMerger: FilesMerger = {
  flag: '--emit',
  write(report, options, target) {
    const r = report as Report<KappaPlanResult>
    const lora = {r: positive(options, 'lora-r', 16), alpha: positive(options, 'lora-alpha', 32), dropout: 0.05}
    const model = planModelName(String(options.path ?? 'model'))
    return emitPlanFiles(target, planFiles(JSON.stringify(r, null, 2) + '\n', r.result, model, lora))
  },
}

/** The model name the plan files carry: the checkpoint's file or folder name without its safetensors suffix. */
export function planModelName(path: string): string {
  return basename(path).replace(/\.safetensors(\.index\.json)?$/, '')
}

function positive(options: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = options[key] === undefined ? fallback : Number(options[key])
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InputError(`expected an integer >= 1, got ${JSON.stringify(options[key])}`, {field: `options.${key}`})
  return value
}
