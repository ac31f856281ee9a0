import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {attachShard} from '../../core/shard/partial-report.js'
import {resolveShard} from '../../core/shard/shard-spec.js'
import {planCheckpointShard} from '../../families/kappa/plan-shard.js'
import {shardFlags} from '../../shard-flags.js'
import {InputError} from '../../core/errors.js'
import {openSpectraStore} from '../../families/kappa/io/shared-spectra-store.js'
import {planCheckpoint, type KappaPlanResult} from '../../families/kappa/pipeline.js'
import {compareKappa} from '../../families/kappa/compare.js'
import {planRequest} from '../../families/kappa/flags.js'
import type {Report} from '../../core/report/envelope.js'
import {renderPlanFormat, FORMATS} from '../../families/kappa/io/formats/plan-format.js'
import {emitPlanFiles, planFiles} from '../../families/kappa/io/formats/plan-files.js'
import {planModelName} from '../../families/kappa/plan-merge-files.js'

export default class KappaPlan extends InfolensCommand<Report<KappaPlanResult>> {
  static override summary =
    'KappaTune fine-tune plan: train the tensors with the lowest condition number, freeze the rest.'
  static override examples = [
    '<%= config.bin %> kappa plan model/ --fraction 0.2 --format peft > lora.json',
    '<%= config.bin %> kappa plan model.safetensors --count 100 --exclude "mlp\\.gate\\.weight$" --emit plan/',
    '<%= config.bin %> kappa plan model/ --per-type --fraction 0.25 --format axolotl --adapter full',
  ]
  static override args = {
    path: Args.string({
      required: true,
      description:
        'Checkpoint: safetensors file, shard directory or index.json, .gguf file/split part, PyTorch .bin/.pt, .onnx model, or TF.js model.json/directory',
    }),
  }
  static override flags = {
    count: integerFlag({
      min: 1,
      summary: 'Train the N lowest-kappa tensors (per list: Linear modules, MoE parameters).',
      helpGroup: 'BUDGET',
    }),
    fraction: floatFlag({
      min: 0,
      max: 1,
      exclusiveMin: true,
      recordAsTyped: true,
      summary: 'Train max(1, int(len*P)) of each list (PEFT top_p). Default 0.2.',
      helpGroup: 'BUDGET',
    }),
    'max-kappa': floatFlag({
      min: 1,
      recordAsTyped: true,
      summary: 'Train every tensor with kappa <= T.',
      helpGroup: 'BUDGET',
      helpValue: 'T',
    }),
    'per-type': Flags.boolean({
      summary: 'Apply the budget within each layer type (q_proj, mlp.down_proj, ...), as Spectrum does.',
      helpGroup: 'BUDGET',
    }),
    include: Flags.string({summary: 'Only tensors whose name matches this regex are candidates.'}),
    exclude: Flags.string({summary: 'Tensors whose name matches this regex are not candidates (e.g. MoE routers).'}),
    'max-dim': integerFlag({
      default: 16384,
      min: 1,
      summary: 'Skip tensors with a dimension above this (PEFT: vocab embeddings, lm_head).',
    }),
    scope: Flags.option({
      options: ['linear', 'all-2d'] as const,
      default: 'linear' as const,
      summary: 'linear: PEFT semantics (no embedding tables); all-2d: every float tensor with ndim >= 2.',
    })(),
    eps: floatFlag({min: 0, default: 1e-8, recordAsTyped: true, summary: 'Epsilon of kappa_peft = s1/(sk + eps).'}),
    format: Flags.option({
      options: FORMATS,
      default: 'text' as const,
      summary: 'What to print: a summary (text), the plan report (json) or one fine-tuning tool format.',
    })(),
    adapter: Flags.option({
      options: ['lora', 'full'] as const,
      default: 'lora' as const,
      summary: 'Axolotl fragment: LoRA target modules or full fine-tuning unfrozen_parameters.',
    })(),
    'lora-r': integerFlag({default: 16, min: 1, summary: 'LoRA rank written to the peft/axolotl outputs.'}),
    'lora-alpha': integerFlag({default: 32, min: 1, summary: 'LoRA alpha written to the peft/axolotl outputs.'}),
    emit: Flags.string({
      summary: 'Write every format (plan JSON, peft, unfreeze, axolotl, spectrum) into DIR.',
      helpValue: 'DIR',
    }),
    cache: Flags.string({
      summary: 'Spectra cache directory shared with `spectral` (default: the user cache dir).',
      helpValue: 'DIR',
    }),
    'no-cache': Flags.boolean({summary: 'Neither read nor write cached spectra.'}),
    'skip-unsupported': Flags.boolean({
      summary: 'Skip tensors stored in a type infolens cannot decode (GGUF IQ*, TQ*, MXFP4) instead of failing.',
    }),
    compare: Flags.string({
      summary: 'Also report κ of every candidate in checkpoint B (e.g. its quantized GGUF) and Δκ = κ(B) − κ(A).',
      helpValue: 'B',
    }),
    ...shardFlags,
  }

  async run(): Promise<Report<KappaPlanResult>> {
    const {args, flags} = await this.parseWithBase(KappaPlan)
    const request = planRequest(args.path, {
      count: flags.count,
      fraction: flags.fraction,
      'max-kappa': flags['max-kappa'],
      'per-type': flags['per-type'],
      include: flags.include,
      exclude: flags.exclude,
      'max-dim': flags['max-dim'],
      scope: flags.scope,
      eps: flags.eps,
      'skip-unsupported': flags['skip-unsupported'],
    })
    const {store, dir} = openSpectraStore(flags['no-cache'] ? null : flags.cache)
    const env = {
      store,
      cacheDir: dir,
      threads: this.threads,
      stopwatch: this.stopwatch,
      progress: (n: number) => this.progress(n, 'kappa'),
    }
    const shard = resolveShard(flags)
    if (shard) {
      // a part holds summaries, not a plan: the budget selection happens once, in `report merge`
      if (flags.emit)
        throw new InputError(
          'a shard has no plan yet: write the plan files at the merge (report merge PARTS --emit DIR)',
          {
            field: '--emit',
          },
        )
      if (flags.compare) throw new InputError('--compare is not supported with --shard yet', {field: '--shard'})
      const part = await planCheckpointShard(args.path, request, env, shard)
      const report = await this.envelope({
        schema: 'infolens.kappa/1',
        inputs: part.files,
        options: {...this.optionsAsTyped(flags), path: args.path},
        result: part.result,
      })
      const done = `shard ${shard.index}/${shard.count}: ${part.work.items.length} of ${part.work.total} candidates`
      return this.emit(
        attachShard(report, 'kappa:plan', shard, part.work),
        () => done,
      ) as unknown as Report<KappaPlanResult>
    }
    const planned = await planCheckpoint(args.path, request, env)
    const compared = flags.compare ? await compareKappa(planned.result.tensors, flags.compare, request, env) : undefined
    const result = compared ? {...planned.result, compare: compared.comparison} : planned.result
    const report = await this.envelope({
      schema: 'infolens.kappa/1',
      inputs: [...planned.files, ...(compared?.files ?? [])],
      options: {...this.optionsAsTyped(flags), path: args.path},
      warnings: result.warnings,
      result,
    })
    const lora = {r: flags['lora-r'], alpha: flags['lora-alpha'], dropout: 0.05}
    if (flags.emit)
      emitPlanFiles(
        flags.emit,
        planFiles(JSON.stringify(report, null, 2) + '\n', result, planModelName(args.path), lora),
      )
    return this.emit(report, (r) => renderPlanFormat(r, flags.format, flags.adapter, lora))
  }
}
