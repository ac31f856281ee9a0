/**
 * `report merge` for `spectral analyze --shard K/N` parts: the layers of all parts in the checkpoint's natural
 * order (layer_id), the summary and the --fail-on gate recomputed over all of them, cache counts summed.
 * Key order follows runAnalyze, so the merged JSON is the single-machine JSON.
 */
import {InputError} from '../../../core/errors.js'
import {canonicalJson} from '../../../core/shard/plan-fingerprint.js'
import type {MergedResult} from '../../../core/shard/result-merger.js'
import {compileGate} from '../flags.js'
import {summarize} from '../kernels/summary.js'
import type {SpectralReportResult} from '../schema.js'
import type {SpectralLayer} from './analyze-checkpoint.js'
import {gateFailures} from './gate.js'
import {tplBoundWarnings} from './tpl-bound-warning.js'

export function mergeSpectralResults(parts: readonly unknown[]): MergedResult<SpectralReportResult> {
  const results = parts as readonly SpectralReportResult[]
  const first = results[0]
  if (!results.every((r) => Array.isArray(r?.layers) && Array.isArray(r.skipped)))
    throw new InputError('expected spectral parts with result.layers and result.skipped', {field: 'PARTS'})
  // every shard lists the whole checkpoint's skipped tensors; a difference means different checkpoints
  if (results.some((r) => canonicalJson(r.skipped) !== canonicalJson(first.skipped)))
    throw new InputError('parts disagree on the skipped tensors', {field: 'PARTS'})
  const layers: SpectralLayer[] = results.flatMap((r) => r.layers).sort((a, b) => a.layer_id - b.layer_id)
  layers.forEach((l, i) => {
    if (l.layer_id !== i) throw new InputError(`layer_id ${i} missing or repeated across parts`, {field: 'PARTS'})
  })
  const cache = first.cache && {
    dir: first.cache.dir,
    solved: results.reduce((n, r) => n + (r.cache?.solved ?? 0), 0),
    cached: results.reduce((n, r) => n + (r.cache?.cached ?? 0), 0),
  }
  const expression = first.gate?.expression
  const failed = gateFailures(
    layers as (SpectralLayer & Record<string, unknown>)[],
    compileGate(expression, first.source.path),
  )
  const result: SpectralReportResult = {
    ...first,
    layers,
    summary: summarize(layers, first.skipped.length),
    outputs: {}, // a shard's own --netcdf part is not the merged run's; `report merge --netcdf` records its file
    ...(cache ? {cache} : {}),
    ...(expression === undefined ? {} : {gate: {expression, failed}}),
  }
  const gateFailure =
    failed.length > 0 ? `--fail-on '${expression}' matched ${failed.length} layer(s): ${failed.join(', ')}` : undefined
  // one warning over all layers, as one machine words it (the parts' own name only their layers)
  return {result, gateFailure, warnings: tplBoundWarnings(layers)}
}
