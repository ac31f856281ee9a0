/**
 * `kappa plan --format`: the text printed on stdout for each format. `json`
 * prints the whole report (the canonical plan); the others are rendered
 * from its `result`, so they are exactly what `--emit` writes.
 */
import type {Report} from '../../../../core/report/envelope.js'
import type {KappaPlanResult} from '../../pipeline.js'
import {renderAxolotlFragment, type AxolotlMode} from './axolotl-fragment.js'
import {renderPeftConfig, type LoraSettings} from './peft-config.js'
import {renderPlanSummary} from '../../render/plan-summary.js'
import {renderSpectrumScores} from './spectrum-scores.js'
import {renderUnfreezeList} from './unfreeze-list.js'

export const FORMATS = ['json', 'text', 'peft', 'unfreeze', 'axolotl', 'spectrum'] as const
export type PlanFormat = (typeof FORMATS)[number]

export function renderPlanFormat(
  report: Report<KappaPlanResult>,
  format: PlanFormat,
  adapter: AxolotlMode,
  lora: LoraSettings,
): string {
  const plan = report.result
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2)
    case 'text':
      return renderPlanSummary(plan, plan.model, plan.compare) + warningLines(report.warnings)
    case 'peft':
      return renderPeftConfig(plan, lora).trimEnd()
    case 'unfreeze':
      return renderUnfreezeList(plan).trimEnd()
    case 'axolotl':
      return renderAxolotlFragment(plan, adapter, lora).trimEnd()
    case 'spectrum':
      return renderSpectrumScores(plan).trimEnd()
  }
}

function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `\nwarning: ${w}`).join('')
}
