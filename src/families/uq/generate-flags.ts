/** Flags of `uq generate` and their mapping to the client and pipeline options. */
import {Flags} from '@oclif/core'
import pLimit from 'p-limit'
import {floatFlag, floatListFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {InputError} from '../../core/errors.js'
import {OpenAiCompatibleClient, normalizeEndpoint} from './io/openai-compatible-client.js'
import type {GenerateOptions} from './pipeline/generate.js'
import {defaultAnswerPrompt} from './pipeline/prompts.js'

export const uqGenerateFlags = {
  endpoint: Flags.string({
    required: true,
    summary: 'Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (POST …/chat/completions).',
    helpValue: 'URL',
  }),
  model: Flags.string({required: true, summary: 'Model name sent with every chat request.'}),
  'api-key-env': Flags.string({
    default: 'INFOLENS_API_KEY',
    summary: 'Environment variable holding the API key (sent as a Bearer token; never written anywhere).',
    helpValue: 'NAME',
  }),
  perturbations: integerFlag({
    min: 1,
    max: 100,
    default: 9,
    summary: 'Paraphrases asked for per question when the file has no perturbations (paper: 9).',
  }),
  responses: integerFlag({
    min: 1,
    max: 100,
    default: 5,
    summary: 'Responses K sampled per input and temperature (paper: 5).',
  }),
  temperatures: floatListFlag({
    min: 0,
    max: 2,
    default: [0.7],
    summary: 'Sampling temperatures, comma-separated; one run per temperature (TSU: 0.3,0.7,1.0,1.4).',
  }),
  'paraphrase-temperature': floatFlag({
    min: 0,
    max: 2,
    default: 0.7,
    summary: 'Temperature of the paraphrase request (paper: 0.7).',
  }),
  'answer-prompt': Flags.string({
    default: defaultAnswerPrompt,
    summary: 'Answer prompt; {question} is replaced (paper default; GSM8K: "…return only the result itself.").',
  }),
  judge: Flags.boolean({
    default: false,
    summary: "Label items with the paper's LLM judge (needs `reference`) and record verbalized confidence.",
  }),
  seed: integerFlag({
    default: 0,
    min: 0,
    max: 2 ** 31 - 1,
    summary: 'Seed of the per-request `seed` values and of paraphrase subsampling.',
  }),
  'send-seed': Flags.boolean({
    default: true,
    allowNo: true,
    summary: 'Send a per-request `seed` (servers that honour it return repeatable samples).',
  }),
  'max-tokens': integerFlag({min: 1, summary: "max_tokens of answer requests (default: the server's)."}),
  concurrency: integerFlag({min: 1, max: 256, default: 4, summary: 'Requests in flight at once.'}),
  retries: integerFlag({
    min: 0,
    max: 20,
    default: 3,
    summary: 'Retries of a request after a timeout, network error, 408/409/429 or 5xx.',
  }),
  backoff: floatFlag({
    min: 0,
    max: 60,
    default: 0.5,
    summary: 'Seconds before the first retry; doubles each retry (max 30 s; Retry-After honoured).',
  }),
  timeout: floatFlag({min: 0.001, max: 3600, default: 60, summary: 'Seconds allowed per request attempt.'}),
  embedder: Flags.option({
    options: ['none', 'openai'] as const,
    default: 'none' as const,
    summary: 'Also embed every question and response through an OpenAI-compatible /embeddings endpoint.',
  })(),
  'embedding-model': Flags.string({summary: 'Model of the /embeddings requests (required with --embedder openai).'}),
  'embedding-endpoint': Flags.string({summary: 'Base URL for /embeddings (default: --endpoint).', helpValue: 'URL'}),
  'embedding-batch': integerFlag({min: 1, max: 2048, default: 64, summary: 'Texts per /embeddings request.'}),
}

export interface UqGenerateFlagValues {
  endpoint: string
  model: string
  'api-key-env': string
  perturbations: number
  responses: number
  temperatures: number[]
  'paraphrase-temperature': number
  'answer-prompt': string
  judge: boolean
  seed: number
  'send-seed': boolean
  'max-tokens'?: number
  concurrency: number
  retries: number
  backoff: number
  timeout: number
  embedder: 'none' | 'openai'
  'embedding-model'?: string
  'embedding-endpoint'?: string
  'embedding-batch': number
}

export interface GenerateSetup {
  readonly options: GenerateOptions
  readonly chat: OpenAiCompatibleClient
  /** What goes into the report's `options` (no key, only the variable's name). */
  readonly recorded: Record<string, unknown>
}

export function generateSetupFromFlags(f: UqGenerateFlagValues, env: NodeJS.ProcessEnv): GenerateSetup {
  const temperatures = f.temperatures
  if (!f['answer-prompt'].includes('{question}'))
    throw new InputError('expected a template containing {question}', {field: '--answer-prompt'})
  const policy = {
    retries: f.retries,
    backoffSeconds: f.backoff,
    timeoutSeconds: f.timeout,
  }
  const apiKey = env[f['api-key-env']] || undefined
  const limit = pLimit(f.concurrency)
  const chat = new OpenAiCompatibleClient({endpoint: f.endpoint, model: f.model, apiKey, policy, limit})
  let embedder: GenerateOptions['embedder']
  if (f.embedder === 'openai') {
    if (!f['embedding-model']) throw new InputError('required with --embedder openai', {field: '--embedding-model'})
    const endpoint = f['embedding-endpoint'] ?? f.endpoint
    normalizeEndpoint(endpoint, '--embedding-endpoint')
    embedder = {
      client: new OpenAiCompatibleClient({endpoint, model: f['embedding-model'], apiKey, policy, limit}),
      model: f['embedding-model'],
      batch: f['embedding-batch'],
    }
  }
  const options: GenerateOptions = {
    perturbations: f.perturbations,
    responses: f.responses,
    temperatures,
    paraphraseTemperature: f['paraphrase-temperature'],
    answerPrompt: f['answer-prompt'],
    judge: f.judge,
    seed: f.seed,
    sendSeed: f['send-seed'],
    maxTokens: f['max-tokens'],
    itemsInFlight: f.concurrency,
    embedder,
  }
  const {embedder: _e, ...plain} = options
  const recorded = {
    ...plain,
    endpoint: normalizeEndpoint(f.endpoint, '--endpoint'),
    model: f.model,
    apiKeyEnv: f['api-key-env'],
    apiKeySet: apiKey !== undefined,
    concurrency: f.concurrency,
    retries: policy.retries,
    backoffSeconds: policy.backoffSeconds,
    timeoutSeconds: policy.timeoutSeconds,
    embedder: f.embedder,
    embeddingModel: f['embedding-model'] ?? null,
    embeddingEndpoint: embedder
      ? normalizeEndpoint(f['embedding-endpoint'] ?? f.endpoint, '--embedding-endpoint')
      : null,
    embeddingBatch: f['embedding-batch'],
  }
  return {options, chat, recorded}
}
