import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {readUqQuestions} from '../../families/uq/io/questions.js'
import {generateUqFile, type GenerateSummary} from '../../families/uq/pipeline/generate.js'
import {generateSetupFromFlags, uqGenerateFlags, type UqGenerateFlagValues} from '../../families/uq/generate-flags.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'

export interface UqGenerateResult extends GenerateSummary {
  output: string
  requests: {attempts: number; retries: number; promptTokens: number; completionTokens: number}
}

export default class UqGenerate extends InfolensCommand<Report<UqGenerateResult>> {
  static override summary =
    "Query an OpenAI-compatible chat endpoint for paraphrases and n×r answers (the paper's prompts) and write inv-entropy/v1 JSONL."
  static override description =
    'Questions come as JSONL (inv-entropy-questions/v1, e.g. from `uq perturb`) or CSV (question[,reference|value][,id]). The key is read from the variable named by --api-key-env. Exit codes: 0 ok, 1 endpoint failure (unreachable, timeouts or 5xx after retries, malformed response), 2 bad input or a request the server rejects (4xx).'
  static override examples = [
    '<%= config.bin %> uq generate questions.jsonl items.jsonl --endpoint http://127.0.0.1:8000/v1 --model llama-3.1-8b-instruct',
    '<%= config.bin %> uq generate perturbed.jsonl items.jsonl --endpoint https://api.openai.com/v1 --model gpt-3.5-turbo --embedder openai --embedding-model text-embedding-3-small --judge',
  ]
  static override outputArgs = {output: 'file'} as const
  static override args = {
    questions: Args.file({required: true, description: 'questions (JSONL or CSV)'}),
    output: Args.string({required: true, description: 'inv-entropy/v1 JSONL to write (atomically)'}),
  }
  static override flags = {...uqGenerateFlags}

  async run(): Promise<Report<UqGenerateResult>> {
    const {args, flags} = await this.parseWithBase(UqGenerate)
    const setup = generateSetupFromFlags(flags as unknown as UqGenerateFlagValues, process.env)
    const questions = readUqQuestions(args.questions)
    const bar = this.progress(questions.length, 'generating')
    const summary = await this.stopwatch.time('generate', () =>
      generateUqFile(questions, args.output, setup.options, setup.chat, () => bar.tick()),
    )
    bar.stop()
    const clients = [setup.chat.stats, ...(setup.options.embedder ? [setup.options.embedder.client.stats] : [])]
    const sum = (k: 'attempts' | 'retries' | 'promptTokens' | 'completionTokens') =>
      clients.reduce((a, c) => a + c[k], 0)
    const requests = {
      attempts: sum('attempts'),
      retries: sum('retries'),
      promptTokens: sum('promptTokens'),
      completionTokens: sum('completionTokens'),
    }
    const result: UqGenerateResult = {output: args.output, ...summary, requests}
    const report = await this.envelope({
      schema: 'infolens.uq.generate/1',
      inputs: [args.questions],
      options: setup.recorded,
      seed: flags.seed,
      result,
    })
    return this.emit(report, (r) =>
      renderKeyValues([
        ['output', r.result.output],
        ['items', r.result.items],
        ['inputs per item', `${r.result.inputs.min}–${r.result.inputs.max}`],
        ['requests (retries)', `${r.result.requests.attempts} (${r.result.requests.retries})`],
        [
          'judge labels',
          r.result.judge
            ? `${r.result.judge.labelled} (${r.result.judge.correct} correct, ${r.result.judge.unlabelled} unlabelled)`
            : 'off',
        ],
        [
          'embeddings',
          r.result.embeddings
            ? `${r.result.embeddings.texts} texts, ${r.result.embeddings.dim}-d (${r.result.embeddings.model})`
            : 'none',
        ],
      ]),
    )
  }
}
