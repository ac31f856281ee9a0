/**
 * `--emit DIR`: every output format of one plan, each written atomically
 * (src/core/io/atomic-write.ts), so a failed run leaves no partial file.
 */
import {makeOutputDir} from '../../../../core/io/output-paths.js'
import {join} from 'node:path'
import type {KappaPlan} from '../../kernels/build-plan.js'
import {writeFileAtomic} from '../../../../core/io/atomic-write.js'
import {renderAxolotlFragment} from './axolotl-fragment.js'
import {renderPeftConfig, type LoraSettings} from './peft-config.js'
import {renderSpectrumScores, renderSpectrumUnfrozenYaml, spectrumSlug} from './spectrum-scores.js'
import {renderUnfreezeList} from './unfreeze-list.js'

/** The files `--emit` writes, by name, rendered from the plan and its full report JSON. */
export function planFiles(
  reportJson: string,
  plan: KappaPlan,
  modelName: string,
  lora: LoraSettings,
): Record<string, string> {
  const slug = spectrumSlug(modelName)
  return {
    'kappa-plan.json': reportJson,
    'peft-lora-config.json': renderPeftConfig(plan, lora),
    'unfreeze.txt': renderUnfreezeList(plan),
    'axolotl-lora.yaml': renderAxolotlFragment(plan, 'lora', lora),
    'axolotl-full.yaml': renderAxolotlFragment(plan, 'full', lora),
    [`snr_results_${slug}.json`]: renderSpectrumScores(plan),
    [`snr_results_${slug}_unfrozenparameters_kappatune.yaml`]: renderSpectrumUnfrozenYaml(plan),
  }
}

export function emitPlanFiles(dir: string, files: Record<string, string>): string[] {
  makeOutputDir(dir, '--emit')
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name)
    writeFileAtomic(path, text)
    return path
  })
}
