/**
 * `spectral analyze` from parsed flags to the report result: validates flags, runs the analysis, writes the
 * optional NetCDF and plots, applies --fail-on.
 */
import {InputError} from '../../../core/errors.js'
import type {Progress} from '../../../core/terminal/progress.js'
import type {SpectralReportResult} from '../schema.js'
import type {Stopwatch} from '../../../core/report/timings.js'
import type {ShardSpec} from '../../../core/shard/shard-spec.js'
import {analyzeCheckpoint, countSelected, type AnalyzeOptions, type SpectralLayer} from './analyze-checkpoint.js'
import {checkGateJudgesSomething, gateFailures} from './gate.js'
import {checkFitFlags, compileGate, compileRegex} from '../flags.js'

export interface AnalyzeFlags {
  layers?: string
  exclude?: string
  'min-evals': number
  'max-evals': number
  'max-n': number
  'fix-fingers': 'none' | 'clip_xmax' | 'xmin_peak'
  fit: 'PL' | 'TPL'
  'mp-fit': boolean
  randomize: boolean
  seed: number
  gram: 'float64' | 'float32'
  threads?: number
  netcdf?: string
  cache?: string
  'no-cache'?: boolean
  plots?: string
  'fail-on'?: string
  'skip-unsupported'?: boolean
}

export const CONVENTIONS = {
  eigenvalues: 'lambda = sigma^2 of W (float64 Gram + eigvalsh), not divided by N (WeightWatcher >= 0.6.5)',
  fit: 'WeightWatcher 0.7.5.5 WWFit: lambda > 1e-5, every value but the largest an xmin candidate, continuous MLE, one-sided KS, first minimum',
}

/** Adds the checkpoint path to errors raised deep inside (e.g. a NaN in a tensor). */
function withFile<T>(path: string, fn: () => Promise<T>): Promise<T> {
  return fn().catch((error: unknown) => {
    if (error instanceof InputError && error.file === undefined)
      throw new InputError(error.message, {file: path, field: error.field})
    throw error
  })
}

export async function runAnalyze(
  path: string,
  flags: AnalyzeFlags,
  stopwatch: Stopwatch,
  progress: (total: number) => Progress,
  shard?: ShardSpec,
): Promise<{result: SpectralReportResult; inputs: string[]; work: {items: number[]; total: number}}> {
  const gate = compileGate(flags['fail-on'], path)
  // a shard's --netcdf holds its own layers; `report merge --netcdf FILE` joins them (plots need every layer)
  if (shard && flags.plots !== undefined)
    throw new InputError('--plots is not supported with --shard (plot the merged run: spectral refit FILE.nc)', {
      field: '--shard',
    })
  checkFitFlags(flags.fit, flags['fix-fingers'], path)
  const options: AnalyzeOptions = {
    layers: compileRegex(flags.layers, '--layers', path),
    exclude: compileRegex(flags.exclude, '--exclude', path),
    minEvals: flags['min-evals'],
    maxEvals: flags['max-evals'],
    maxN: flags['max-n'],
    skipUnsupported: flags['skip-unsupported'] === true,
    fixFingers: flags['fix-fingers'],
    fit: flags.fit,
    mpFit: flags['mp-fit'],
    randomizeSeed: flags.randomize ? flags.seed : undefined,
    gram: flags.gram,
    threads: flags.threads,
    keepEigenvalues: flags.netcdf !== undefined || flags.plots !== undefined,
    cacheDir: flags['no-cache'] ? null : flags.cache,
    shard,
  }
  const bar = progress(await withFile(path, () => countSelected(path, options)))
  const analysis = await stopwatch.time('analyze', () =>
    withFile(path, () => analyzeCheckpoint(path, options, (name) => bar.tick(1, name))),
  )
  bar.stop()
  if (analysis.selected === 0) {
    throw new InputError(
      `expected at least one 2-D (or 4-D conv) weight tensor passing the filters; ${analysis.skipped.length} tensor(s) skipped (see --layers/--min-evals/--max-evals/--max-n)`,
      {file: path},
    )
  }
  checkGateJudgesSomething(analysis.layers as unknown as Record<string, unknown>[], flags['fail-on'], path)
  const outputs: SpectralReportResult['outputs'] = {}
  if (flags.netcdf) {
    const target = flags.netcdf
    // loaded on demand (as the plots below): a run without --netcdf / --plots does not pay for netcdfjs, vega
    // and vega-lite at start-up (about 0.25 CPU-s, half of the CLI's fixed cost)
    await stopwatch.time('netcdf', async () =>
      (await import('../io/eigenvalues-netcdf.js')).writeEigenvaluesNetcdf(
        target,
        analysis.layers.map((l) => ({...l, evals: analysis.eigenvalues.get(l.name)!})),
        path,
      ),
    )
    outputs.netcdf = target
  }
  if (flags.plots) {
    const dir = flags.plots
    outputs.plots = await stopwatch.time('plots', async () =>
      (await import('../render/esd-plots.js')).writeSpectralPlots(
        dir,
        analysis.layers.map((l) => ({...l, evals: analysis.eigenvalues.get(l.name)!})),
      ),
    )
  }
  return {
    inputs: analysis.files,
    work: {items: analysis.layers.map((l) => l.layer_id), total: analysis.selected},
    result: {
      source: {kind: 'checkpoint', path, files: analysis.files},
      conventions: CONVENTIONS,
      layers: analysis.layers,
      skipped: analysis.skipped,
      summary: analysis.summary,
      cache: analysis.cache,
      ...(gate
        ? {
            gate: {
              expression: flags['fail-on']!,
              failed: gateFailures(analysis.layers as (SpectralLayer & Record<string, unknown>)[], gate),
            },
          }
        : {}),
      outputs,
    },
  }
}
