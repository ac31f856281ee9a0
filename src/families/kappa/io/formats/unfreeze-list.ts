/**
 * The plan for full fine-tuning of the selected tensors (original KappaTune:
 * `requires_grad = name in selected`): one parameter name per line, lowest κ first.
 */
import type {KappaPlan} from '../../kernels/build-plan.js'

export function renderUnfreezeList(plan: KappaPlan): string {
  return plan.selection.parameters.map((p) => `${p}\n`).join('')
}
