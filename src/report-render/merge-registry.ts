/**
 * Result mergers for `report merge`, by the command that wrote the parts (the shard record's `command`).
 * Each family owns its merge logic; this list composes them, as the section registry does for rendering.
 */
import type {ResultMerger} from '../core/shard/result-merger.js'
import {mergeSpectralResults} from '../families/spectral/pipeline/merge.js'
import {mergeSweepResults} from '../families/school/pipeline/sweep-shard.js'
import {mergeEnsembleResults} from '../families/school/pipeline/ensemble-shard.js'
import {mergeKappaResults} from '../families/kappa/plan-shard.js'

const mergers: Readonly<Record<string, ResultMerger>> = {
  'kappa:plan': mergeKappaResults,
  'school:simulate': mergeEnsembleResults,
  'school:sweep': mergeSweepResults,
  'spectral:analyze': mergeSpectralResults,
}

/** Command ids whose parts `report merge` combines. */
export const mergeableCommands: readonly string[] = Object.keys(mergers)

export function resultMergerFor(command: string): ResultMerger | undefined {
  return Object.hasOwn(mergers, command) ? mergers[command] : undefined
}
