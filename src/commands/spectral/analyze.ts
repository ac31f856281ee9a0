import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import {GateError} from '../../core/errors.js'
import type {Report} from '../../core/report/envelope.js'
import {runAnalyze, type AnalyzeFlags} from '../../families/spectral/pipeline/analyze.js'
import {fitFlags} from '../../families/spectral/flags.js'
import type {SpectralReportResult} from '../../families/spectral/schema.js'
import {renderSpectral} from '../../families/spectral/render/table.js'
import {tplBoundWarnings} from '../../families/spectral/pipeline/tpl-bound-warning.js'
import {attachShard} from '../../core/shard/partial-report.js'
import {resolveShard} from '../../core/shard/shard-spec.js'
import {shardFlags} from '../../shard-flags.js'

export default class SpectralAnalyze extends InfolensCommand<Report<SpectralReportResult>> {
  static override summary = 'HTSR / SETOL layer quality of a checkpoint (WeightWatcher-compatible metrics).'
  static override description =
    'Eigenvalues λ = σ² of every 2-D weight matrix (and pooled conv2d kernels) via float64 Gram + eigvalsh, WeightWatcher power-law fit (α, D, xmin), norms, stable rank, detX. Exit codes: 0 ok, 2 bad input, 3 --fail-on matched, 1 internal error.'
  static override examples = [
    '<%= config.bin %> spectral analyze model.safetensors',
    "<%= config.bin %> spectral analyze ckpt/ --layers 'mlp' --fail-on 'alpha>6 || alpha<2' --plots plots/ --netcdf esd.nc --json",
  ]
  static override args = {
    path: Args.string({
      required: true,
      description:
        'Checkpoint: safetensors file, shard directory or index.json, .gguf file/split part, PyTorch .bin/.pt, .onnx model, or TF.js model.json/directory',
    }),
  }
  static override flags = {
    ...fitFlags,
    ...shardFlags,
    layers: Flags.string({summary: 'Only tensors whose name matches REGEX.', helpValue: 'REGEX'}),
    exclude: Flags.string({summary: 'Skip tensors whose name matches REGEX.', helpValue: 'REGEX'}),
    'min-evals': integerFlag({
      default: 10,
      min: 0,
      summary: 'Skip layers with M·rf below this (WeightWatcher min_evals).',
    }),
    'max-evals': integerFlag({
      default: 15000,
      min: 1,
      summary: 'Skip layers with M·rf above this (WeightWatcher max_evals).',
    }),
    'max-n': integerFlag({default: 50000, min: 1, summary: 'Skip layers with N above this (WeightWatcher max_N).'}),
    randomize: Flags.boolean({
      summary: 'Compare with the element-wise shuffled matrix (rand_distance, correlation traps).',
    }),
    seed: integerFlag({default: 0, min: 0, max: 0xffffffff, summary: 'Seed of --randomize.'}),
    gram: Flags.option({
      options: ['float64', 'float32'] as const,
      default: 'float64' as const,
      summary: 'Precision of the matrix handed to the Gram product.',
    })(),
    cache: Flags.string({
      summary:
        'Spectra cache directory shared with `kappa` (default: $INFOLENS_CACHE_DIR or ~/.cache/infolens/spectra).',
      helpValue: 'DIR',
    }),
    'no-cache': Flags.boolean({summary: 'Neither read nor write cached spectra (every layer is eigen-solved).'}),
    'skip-unsupported': Flags.boolean({
      summary: 'Skip layers stored in a type infolens cannot decode (GGUF IQ*, TQ*, MXFP4) instead of failing.',
    }),
    netcdf: Flags.string({
      summary: "Write every layer's eigenvalues to FILE (NetCDF-3, CF) for `spectral refit`.",
      helpValue: 'FILE',
    }),
  }

  async run(): Promise<Report<SpectralReportResult>> {
    const {args, flags} = await this.parseWithBase(SpectralAnalyze)
    if (flags.gram === 'float32') await this.engine() // the float32 Gram runs on the tfjs backend
    const shard = resolveShard(flags)
    const {result, inputs, work} = await runAnalyze(
      args.path,
      flags as unknown as AnalyzeFlags,
      this.stopwatch,
      (total) => this.progress(total, 'spectral'),
      shard,
    )
    const options = {...flags, out: undefined, json: undefined}
    const report = await this.envelope({
      schema: 'infolens.spectral/1',
      inputs,
      options,
      seed: flags.randomize ? flags.seed : undefined,
      warnings: tplBoundWarnings(result.layers),
      result,
    })
    if (shard) return this.emit(attachShard(report, 'spectral:analyze', shard, work), renderSpectral) // `report merge` applies the gate
    this.emit(report, renderSpectral)
    if (result.gate && result.gate.failed.length > 0) {
      // The report is still printed (--json) and written (--out); the gate only sets the exit code.
      const gate = new GateError(
        `--fail-on '${result.gate.expression}' matched ${result.gate.failed.length} layer(s): ${result.gate.failed.join(', ')}`,
      )
      process.stderr.write(`infolens: error: ${gate.oneLine}\n`)
      process.exitCode = gate.exitCode
    }
    return report
  }
}
