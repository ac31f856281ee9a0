/**
 * The plan as a PEFT `LoraConfig` (KappaTune-LoRA; spec kappa.md §3.2):
 * `target_modules` lists full module names, which PEFT matches exactly
 * (`key == entry` or `key.endswith("." + entry)`), and `target_parameters`
 * lists fused 3-D expert parameters. `LoraConfig(**json.load(f))` accepts it.
 */
import type {KappaPlan} from '../../kernels/build-plan.js'

export interface LoraSettings {
  readonly r: number
  readonly alpha: number
  readonly dropout: number
}

export function peftConfig(plan: KappaPlan, lora: LoraSettings): Record<string, unknown> {
  const params = plan.selection.target_parameters
  return {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    r: lora.r,
    lora_alpha: lora.alpha,
    lora_dropout: lora.dropout,
    target_modules: [...plan.selection.target_modules],
    target_parameters: params.length > 0 ? [...params] : null,
  }
}

export function renderPeftConfig(plan: KappaPlan, lora: LoraSettings): string {
  return JSON.stringify(peftConfig(plan, lora), null, 2) + '\n'
}
