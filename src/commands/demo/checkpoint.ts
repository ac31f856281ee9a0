import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {integerFlag} from '../../core/cli/numeric-flags.js'
import {type DemoCheckpointResult, writeDemoCheckpoint} from '../../core/checkpoint/demo-checkpoint.js'
import type {Report} from '../../core/report/envelope.js'
import {formatBytes} from '../../core/checkpoint/checkpoint-table.js'
import {renderTable} from '../../core/terminal/terminal.js'

export default class DemoCheckpoint extends InfolensCommand<Report<DemoCheckpointResult>> {
  static override summary =
    'Write a small synthetic transformer checkpoint (F32, BF16 and 3-shard variants) for offline demos.'
  static override description =
    'Deterministic for a seed: DIR/model.safetensors (F32), DIR/model-bf16.safetensors (BF16) and DIR/sharded/ ' +
    '(3 F32 shards + model.safetensors.index.json). Exit codes: 0 ok, 1 internal error, 2 bad input or usage.'

  static override examples = [
    '<%= config.bin %> demo checkpoint demo-out/checkpoint',
    '<%= config.bin %> demo checkpoint /tmp/ckpt --seed 7 --json',
  ]

  static override outputArgs = {dir: 'dir'} as const
  static override args = {
    dir: Args.string({
      required: true,
      description: 'Output directory (created if missing; existing demo files are replaced)',
    }),
  }

  static override flags = {
    seed: integerFlag({
      default: 0,
      min: 0,
      max: 2 ** 32 - 1,
      summary: 'Seed of the weights (same seed, same bytes).',
    }),
  }

  async run(): Promise<Report<DemoCheckpointResult>> {
    const {args, flags} = await this.parseWithBase(DemoCheckpoint)
    const result = await this.stopwatch.time('generate', async () => writeDemoCheckpoint(args.dir, flags.seed))
    const report = await this.envelope({
      schema: 'infolens.demo/1',
      inputs: [],
      options: {seed: flags.seed},
      seed: flags.seed,
      result,
    })
    return this.emit(report, (r) => renderDemo(r.result))
  }
}

function renderDemo(r: DemoCheckpointResult): string {
  const rows = r.files.map((f) => [f.path, f.role, f.dtype, f.tensors, formatBytes(f.bytes)])
  const head = `Wrote a synthetic checkpoint (seed ${r.seed}, ${r.tensors} tensors, ${r.parameters} parameters) to ${r.directory}:`
  return `${head}\n${renderTable(['file', 'kind', 'dtype', 'tensors', 'size'], rows)}\nNext: infolens checkpoint inspect ${r.files[0].path}`
}
