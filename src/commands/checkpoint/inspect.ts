import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {InputError} from '../../core/errors.js'
import {openCheckpoint} from '../../core/checkpoint/index.js'
import {type CheckpointInventory, inventoryCheckpoint} from '../../core/checkpoint/inventory.js'
import {renderCheckpointInventory} from '../../core/checkpoint/checkpoint-table.js'
import type {Report} from '../../core/report/envelope.js'

export default class CheckpointInspect extends InfolensCommand<Report<CheckpointInventory>> {
  static override summary =
    'List the tensors of a checkpoint (safetensors, GGUF, PyTorch, ONNX, TF.js): dtype, shape, parameters, bytes, shard.'
  static override description =
    'PATH is a .safetensors file, a directory of shards or a model.safetensors.index.json; a .gguf file or any part of a GGUF split set; a PyTorch torch.save file (.bin/.pt/.pth) or pytorch_model.bin.index.json; an .onnx model (initializers ' +
    'and Constant tensors, external data next to it); or a TF.js model.json, weights manifest or their directory. ' +
    'The format is recognised from the content. Only the headers are read; GGUF tensors of types infolens cannot dequantize are listed like the others. ' +
    'Exit codes: 0 ok, 1 internal error, 2 bad input or usage.'

  static override examples = [
    '<%= config.bin %> checkpoint inspect model.safetensors',
    "<%= config.bin %> checkpoint inspect ./llama --filter 'layers\\.0\\.' --json",
    '<%= config.bin %> checkpoint inspect model.onnx',
    '<%= config.bin %> checkpoint inspect ./tfjs-model/model.json',
  ]

  static override args = {
    path: Args.string({
      required: true,
      description:
        'Checkpoint: .safetensors file, shard directory, index.json, .gguf file/split part, PyTorch .bin/.pt, .onnx model or TF.js model.json/directory',
    }),
  }

  static override flags = {
    filter: Flags.string({
      summary: 'Only tensors whose name matches this regular expression (JavaScript syntax).',
      helpValue: 'REGEX',
    }),
  }

  async run(): Promise<Report<CheckpointInventory>> {
    const {args, flags} = await this.parseWithBase(CheckpointInspect)
    const filter = compileFilter(flags.filter)
    const checkpoint = await this.stopwatch.time('read headers', () => openCheckpoint(args.path))
    let result: CheckpointInventory
    try {
      result = inventoryCheckpoint(checkpoint, args.path, filter)
    } finally {
      await checkpoint.close()
    }
    const inputs = [...(checkpoint.layout.indexFile ? [checkpoint.layout.indexFile] : []), ...checkpoint.files]
    const report = await this.envelope({
      schema: 'infolens.checkpoint/1',
      inputs,
      options: {filter: flags.filter ?? null},
      result,
    })
    return this.emit(report, (r) => renderCheckpointInventory(r.result))
  }
}

function compileFilter(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined
  try {
    return new RegExp(source)
  } catch (error) {
    throw new InputError(`not a valid regular expression (${(error as Error).message})`, {field: '--filter'})
  }
}
