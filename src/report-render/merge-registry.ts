/**
 * Result mergers for `report merge`, by the command that wrote the parts (the shard record's `command`).
 * Each family owns its merge logic; this list composes them, as the section registry does for rendering.
 */
import type {FilesMerger, NetcdfMerger, ResultMerger} from '../core/shard/result-merger.js'
import type {MergeOutputFlags} from '../core/shard/emit/job-command.js'
import {kappaPlanFilesMerger} from '../families/kappa/plan-merge-files.js'
import {spectralNetcdfMerger} from '../families/spectral/pipeline/merge-netcdf.js'
import {sweepNetcdfMerger} from '../families/school/pipeline/sweep-merge-netcdf.js'
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

/** Commands whose merged run can also write its NetCDF file (`report merge --netcdf FILE`). */
const netcdfMergers: Readonly<Record<string, NetcdfMerger>> = {
  'school:sweep': sweepNetcdfMerger,
  'spectral:analyze': spectralNetcdfMerger,
}

export function netcdfMergerFor(command: string): NetcdfMerger | undefined {
  return Object.hasOwn(netcdfMergers, command) ? netcdfMergers[command] : undefined
}

/** Commands whose finished report also renders files (`report merge --emit DIR`). */
const filesMergers: Readonly<Record<string, FilesMerger>> = {
  'kappa:plan': kappaPlanFilesMerger,
}

export function filesMergerFor(command: string): FilesMerger | undefined {
  return Object.hasOwn(filesMergers, command) ? filesMergers[command] : undefined
}

/**
 * Per shardable command: the output flags the merge job writes (for `cluster emit`), and whether each task
 * writes a part of that output.
 */
export const mergeOutputFlags: MergeOutputFlags = Object.fromEntries(
  mergeableCommands.map((id) => [
    id,
    [
      ...(netcdfMergers[id]
        ? [{flag: netcdfMergers[id].flag, mergeFlag: '--netcdf', fromParts: netcdfMergers[id].fromParts}]
        : []),
      ...(filesMergers[id] ? [{flag: filesMergers[id].flag, mergeFlag: '--emit', fromParts: false}] : []),
    ],
  ]),
)
