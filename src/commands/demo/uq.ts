import {join} from 'node:path'
import {mkdirSync} from 'node:fs'
import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatListFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {InputError} from '../../core/errors.js'
import {
  defaultSyntheticOptions,
  synthesizeItem,
  type SyntheticOptions,
} from '../../families/uq/kernels/synthetic-items.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'

export interface UqDemoResult {
  files: {path: string; items: number; temperatures: number[]}[]
  options: SyntheticOptions
}

export default class DemoUq extends InfolensCommand<Report<UqDemoResult>> {
  static override summary =
    'Write a synthetic inv-entropy/v1 dataset with embeddings (items.jsonl, items-tsu.jsonl) for uq score/evaluate/tsu.'
  static override examples = [
    '<%= config.bin %> demo uq demo-out/uq',
    '<%= config.bin %> uq score demo-out/uq/items.jsonl',
  ]
  static override outputArgs = {dir: 'dir'} as const
  static override args = {dir: Args.directory({required: true, description: 'output directory (created)'})}
  static override flags = {
    items: integerFlag({min: 1, default: defaultSyntheticOptions.items, summary: 'Questions.'}),
    inputs: integerFlag({
      min: 2,
      default: defaultSyntheticOptions.inputs,
      summary: 'Inputs per question (original + perturbations).',
    }),
    responses: integerFlag({min: 1, default: defaultSyntheticOptions.responses, summary: 'Responses per input.'}),
    dim: integerFlag({min: 2, default: defaultSyntheticOptions.dim, summary: 'Embedding dimension.'}),
    seed: integerFlag({min: 0, max: Number.MAX_SAFE_INTEGER, default: 0, summary: 'Seed.'}),
    temperatures: floatListFlag({
      min: 0,
      default: [0.3, 0.7, 1.0, 1.4],
      summary: 'Temperatures of items-tsu.jsonl (comma-separated).',
    }),
  }

  async run(): Promise<Report<UqDemoResult>> {
    const {args, flags} = await this.parseWithBase(DemoUq)
    const temps = flags.temperatures
    const base: SyntheticOptions = {
      ...defaultSyntheticOptions,
      items: flags.items,
      inputs: flags.inputs,
      responses: flags.responses,
      dim: flags.dim,
      seed: flags.seed,
    }
    try {
      mkdirSync(args.dir, {recursive: true})
    } catch (error) {
      throw new InputError(`cannot create output directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
        file: args.dir,
      })
    }
    const files = [
      {path: join(args.dir, 'items.jsonl'), options: {...base, temperatures: [0.7]}},
      {path: join(args.dir, 'items-tsu.jsonl'), options: {...base, temperatures: temps}},
    ]
    for (const f of files) {
      const lines = Array.from({length: f.options.items}, (_, k) => JSON.stringify(synthesizeItem(k, f.options)))
      writeFileAtomic(f.path, lines.join('\n') + '\n')
    }
    const result = {
      files: files.map((f) => ({path: f.path, items: f.options.items, temperatures: [...f.options.temperatures]})),
      options: base,
    }
    const report = await this.envelope({
      schema: 'infolens.uq.demo/1',
      inputs: [],
      options: {...base, temperatures: temps},
      seed: flags.seed,
      result,
    })
    return this.emit(report, (r) =>
      renderKeyValues(r.result.files.map((f) => [f.path, `${f.items} items, T = ${f.temperatures.join(', ')}`])),
    )
  }
}
