/**
 * Client for OpenAI-compatible servers (the OpenAI API, vLLM, llama.cpp server, ollama, …):
 * `POST {base}/chat/completions` and `POST {base}/embeddings`. It validates every response it
 * uses and names the exact field when one is missing or of the wrong type
 * (`URL: choices[0].message.content: expected a string`, exit 1), so a misbehaving server is
 * diagnosed in one line. Requests go through postJsonWithRetry (timeouts, retries, backoff) and
 * a shared concurrency limit (p-limit: at most N requests in flight, the rest queued FIFO).
 */
import {InputError, InternalError} from '../../../core/errors.js'
import {postJsonWithRetry, type PostStats, type RetryPolicy} from './json-post-with-retry.js'
import type {LimitFunction} from 'p-limit'

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant'
  readonly content: string
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[]
  readonly temperature: number
  /** Sent as `seed` (servers that honour it make the sample repeatable). */
  readonly seed?: number
  readonly maxTokens?: number
}

export interface ClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8000/v1 (a trailing /chat/completions or /embeddings is removed). */
  readonly endpoint: string
  readonly model: string
  readonly apiKey?: string
  readonly policy: RetryPolicy
  /** Shared by the chat and embedding clients, so `--concurrency` caps their requests together. */
  readonly limit: LimitFunction
}

export interface ClientStats extends PostStats {
  /** Tokens reported by the server's `usage` (0 when it reports none). */
  promptTokens: number
  completionTokens: number
}

/** The base URL without a trailing slash or endpoint path; InputError when it is not http(s). */
export function normalizeEndpoint(url: string, flag: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new InputError(`expected an http(s) URL such as http://127.0.0.1:8000/v1, got ${JSON.stringify(url)}`, {
      field: flag,
    })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new InputError(`expected an http(s) URL, got ${parsed.protocol}`, {field: flag})
  return parsed
    .toString()
    .replace(/\/+$/, '')
    .replace(/\/(chat\/completions|embeddings)$/, '')
}

function malformed(url: string, field: string, expected: string): InternalError {
  return new InternalError(`expected ${expected} in the server's response`, {file: url, field})
}

function record(stats: ClientStats, json: Record<string, unknown>): void {
  const usage = json.usage as {prompt_tokens?: unknown; completion_tokens?: unknown} | undefined
  if (usage && typeof usage.prompt_tokens === 'number') stats.promptTokens += usage.prompt_tokens
  if (usage && typeof usage.completion_tokens === 'number') stats.completionTokens += usage.completion_tokens
}

export class OpenAiCompatibleClient {
  readonly stats: ClientStats = {attempts: 0, retries: 0, promptTokens: 0, completionTokens: 0}
  private readonly base: string

  constructor(private readonly o: ClientOptions) {
    this.base = normalizeEndpoint(o.endpoint, '--endpoint')
  }

  get chatUrl(): string {
    return `${this.base}/chat/completions`
  }

  get embeddingsUrl(): string {
    return `${this.base}/embeddings`
  }

  /** The text of the first choice of one chat completion. */
  async chat(req: ChatRequest): Promise<string> {
    const url = this.chatUrl
    const body: Record<string, unknown> = {
      model: this.o.model,
      messages: req.messages,
      temperature: req.temperature,
      n: 1,
    }
    if (req.seed !== undefined) body.seed = req.seed
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens
    const json = await this.o.limit(() => postJsonWithRetry(url, body, this.o.apiKey, this.o.policy, this.stats))
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw malformed(url, '(response)', 'a JSON object')
    const choices = (json as {choices?: unknown}).choices
    if (!Array.isArray(choices) || choices.length === 0) throw malformed(url, 'choices', 'a non-empty array')
    const message = (choices[0] as {message?: unknown} | null)?.message
    if (message === null || typeof message !== 'object') throw malformed(url, 'choices[0].message', 'an object')
    const content = (message as {content?: unknown}).content
    if (typeof content !== 'string') throw malformed(url, 'choices[0].message.content', 'a string')
    record(this.stats, json as Record<string, unknown>)
    return content
  }

  /** One embedding per text, in order (`data[k].index` honoured when present). */
  async embed(texts: readonly string[]): Promise<number[][]> {
    const url = this.embeddingsUrl
    const json = await this.o.limit(() =>
      postJsonWithRetry(url, {model: this.o.model, input: texts}, this.o.apiKey, this.o.policy, this.stats),
    )
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw malformed(url, '(response)', 'a JSON object')
    const data = (json as {data?: unknown}).data
    if (!Array.isArray(data)) throw malformed(url, 'data', 'an array')
    if (data.length !== texts.length)
      throw malformed(url, 'data', `${texts.length} embeddings (one per input text), got ${data.length}`)
    const out: number[][] = new Array(texts.length)
    let dim = -1
    data.forEach((entry, k) => {
      const e = entry as {embedding?: unknown; index?: unknown} | null
      const v = e?.embedding
      if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw malformed(url, `data[${k}].embedding`, 'a non-empty array of finite numbers')
      }
      if (dim >= 0 && v.length !== dim)
        throw malformed(url, `data[${k}].embedding`, `${dim} numbers like data[0], got ${v.length}`)
      dim = v.length
      const index = e?.index === undefined ? k : e.index
      if (
        typeof index !== 'number' ||
        !Number.isInteger(index) ||
        index < 0 ||
        index >= texts.length ||
        out[index] !== undefined
      ) {
        throw malformed(url, `data[${k}].index`, `a distinct integer in [0, ${texts.length})`)
      }
      out[index] = v as number[]
    })
    record(this.stats, json as Record<string, unknown>)
    return out
  }
}
