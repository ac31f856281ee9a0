/**
 * The plan as an Axolotl config fragment (spec kappa.md §3.2).
 * Full fine-tuning: `unfrozen_parameters`, each pattern anchored `^…$` on the
 * exact parameter name. Axolotl's freeze.py escapes every `.` itself before
 * `re.match`, so dots are written as they are; other regex metacharacters in a
 * name are escaped here. LoRA: `lora_target_modules` / `lora_target_parameters`
 * (handed to PEFT) with `lora_target_linear: false`.
 */
import type {KappaPlan} from '../../kernels/build-plan.js'
import {yamlList} from './yaml-scalar.js'
import type {LoraSettings} from './peft-config.js'

export type AxolotlMode = 'full' | 'lora'

/** An exact-name pattern in Axolotl's dialect (dots left for Axolotl to escape). */
export function axolotlPattern(parameter: string): string {
  return `^${parameter.replace(/[\\^$*+?()[\]{}|]/g, '\\$&')}$`
}

export function renderAxolotlFragment(plan: KappaPlan, mode: AxolotlMode, lora: LoraSettings): string {
  const header = `# KappaTune plan: ${plan.selection.selected} of ${plan.selection.candidates} candidate tensors (lowest condition number first)\n`
  if (mode === 'full') return header + yamlList('unfrozen_parameters', plan.selection.parameters.map(axolotlPattern))
  return (
    header +
    `adapter: lora\nlora_r: ${lora.r}\nlora_alpha: ${lora.alpha}\nlora_dropout: ${lora.dropout}\nlora_target_linear: false\n` +
    yamlList('lora_target_modules', plan.selection.target_modules) +
    (plan.selection.target_parameters.length > 0
      ? yamlList('lora_target_parameters', plan.selection.target_parameters)
      : '')
  )
}
