import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import {openCheckpoint} from '../../core/checkpoint/index.js'
import {convertCheckpoint} from '../../core/checkpoint/convert/convert-checkpoint.js'
import type {CheckpointConvertResult} from '../../core/checkpoint/convert/convert-schema.js'
import {renderConversion} from '../../core/checkpoint/convert/conversion-table.js'
import type {Report} from '../../core/report/envelope.js'

const MIB = 1024 * 1024

export default class CheckpointConvert extends InfolensCommand<Report<CheckpointConvertResult>> {
  static override summary =
    'Write any readable checkpoint as safetensors: dequantized, names kept (or Hugging Face names), one tensor in memory at a time.'
  static override description =
    'Float types safetensors holds exactly stay as they are (F64, F32, F16, BF16); quantized and affine types are dequantized to F32; integers are copied. --dtype forces every float tensor to one type and the report counts the values each cast rounded. Nothing is written unless every tensor converted. Exit codes: 0 ok, 1 internal error, 2 bad input or usage.'
  static override examples = [
    '<%= config.bin %> checkpoint convert model-Q4_K_M.gguf dequantized.safetensors --hf-names',
    '<%= config.bin %> checkpoint convert ./llama out/model.safetensors --dtype bf16 --max-shard-size 4096',
  ]
  static override outputArgs = {output: 'file'} as const
  static override args = {
    input: Args.string({required: true, description: 'Checkpoint in any format infolens reads'}),
    output: Args.string({required: true, description: 'The .safetensors file to write (shards and index beside it)'}),
  }
  static override flags = {
    'hf-names': Flags.boolean({
      summary: "Rename GGUF tensors to Hugging Face names where the map has one (and undo llama's q/k permutation).",
    }),
    dtype: Flags.option({
      options: ['f32', 'f16', 'bf16'] as const,
      summary: 'Write every float tensor as this type (default: kept when lossless, F32 when quantized).',
    })(),
    'max-shard-size': integerFlag({
      min: 1,
      summary: 'Cut the output into shards of at most this many MiB of tensor data, plus an index.',
      helpValue: 'MIB',
    }),
  }

  async run(): Promise<Report<CheckpointConvertResult>> {
    const {args, flags} = await this.parseWithBase(CheckpointConvert)
    const checkpoint = await this.stopwatch.time('read headers', () => openCheckpoint(args.input))
    let result: CheckpointConvertResult
    try {
      const bar = this.progress(checkpoint.tensors.length, 'converting')
      result = await this.stopwatch.time('convert', () =>
        convertCheckpoint(checkpoint, args.input, args.output, {
          hfNames: flags['hf-names'] === true,
          dtype: flags.dtype,
          maxShardBytes: flags['max-shard-size'] === undefined ? undefined : flags['max-shard-size'] * MIB,
          onTensor: () => bar.tick(),
        }),
      )
      bar.stop()
    } finally {
      await checkpoint.close()
    }
    const inputs = [...(checkpoint.layout.indexFile ? [checkpoint.layout.indexFile] : []), ...checkpoint.files]
    const report = await this.envelope({
      schema: 'infolens.checkpoint-convert/1',
      inputs,
      options: this.optionsAsTyped(flags),
      result,
    })
    return this.emit(report, (r) => renderConversion(r.result))
  }
}
