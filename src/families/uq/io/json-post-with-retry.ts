/**
 * One JSON POST over Node 20's global fetch with a per-attempt timeout and retries with
 * exponential backoff, as the clients of OpenAI-compatible servers (vLLM, llama.cpp, ollama,
 * the OpenAI API) need: 408, 409, 429, 5xx, network errors and timeouts are retried after
 * `backoff·2^attempt` seconds (capped at 30 s; a `Retry-After` header in seconds wins when it
 * is longer, capped at 60 s). No jitter: delays do not depend on chance, so runs are repeatable.
 *
 * Failures become one-line errors naming the URL and what went wrong: a 4xx that retrying
 * cannot fix (bad key, unknown model, rejected request) is the user's configuration → exit 2;
 * a server that keeps failing, times out or cannot be reached → exit 1. The API key is sent
 * as `Authorization: Bearer …` and never appears in an error message.
 */
import {InputError, InternalError} from '../../../core/errors.js'

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number
  /** Base delay in seconds; attempt a waits backoff·2^a. */
  readonly backoffSeconds: number
  /** Per-attempt timeout in seconds (connect + full body). */
  readonly timeoutSeconds: number
}

export interface PostStats {
  /** Requests sent (attempts, retries included). */
  attempts: number
  /** Attempts that were retried. */
  retries: number
}

const retryableStatus = (s: number): boolean => s === 408 || s === 409 || s === 429 || s >= 500

function retryAfterSeconds(header: string | null): number {
  const v = header === null ? Number.NaN : Number(header)
  return Number.isFinite(v) && v > 0 ? Math.min(v, 60) : 0
}

const sleep = (seconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, seconds * 1000))

function describeNetworkError(error: unknown): string {
  const e = error as {name?: string; message?: string; cause?: {code?: string; message?: string}}
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout'
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error'
}

/**
 * Network errors that say the endpoint itself is wrong (nothing listens on that port, no such host):
 * retrying cannot help, so they fail at once as bad input instead of after minutes of backoff.
 */
const WRONG_ENDPOINT: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is the server running on this host and port?',
  ENOTFOUND: 'host not found: check the host name in the URL',
  ERR_INVALID_URL: 'expected a valid http(s) URL',
}

function wrongEndpointCode(error: unknown): string | undefined {
  const e = error as {code?: string; cause?: {code?: string; errors?: {code?: string}[]}}
  // undici puts the errno on `cause`, or on each attempt of an AggregateError (IPv6 then IPv4)
  const codes = [e.code, e.cause?.code, ...(e.cause?.errors ?? []).map((x) => x.code)]
  return codes.find((c): c is string => c !== undefined && c in WRONG_ENDPOINT)
}

/** A short, single-line excerpt of an error body (servers put the reason there). */
function bodyExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat
}

/**
 * POSTs `body` as JSON to `url` and returns the parsed JSON response. Throws InputError (exit 2)
 * for non-retryable HTTP errors and InternalError (exit 1) when retries run out or the body is
 * not JSON.
 */
export async function postJsonWithRetry(
  url: string,
  body: unknown,
  apiKey: string | undefined,
  policy: RetryPolicy,
  stats: PostStats,
): Promise<unknown> {
  const headers: Record<string, string> = {'content-type': 'application/json', accept: 'application/json'}
  if (apiKey) headers.authorization = `Bearer ${apiKey}`
  const payload = JSON.stringify(body)
  let last = ''
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) stats.retries++
    stats.attempts++
    let wait = Math.min(policy.backoffSeconds * 2 ** attempt, 30)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: payload,
        signal: AbortSignal.timeout(policy.timeoutSeconds * 1000),
      })
      const text = await res.text()
      if (res.ok) {
        try {
          return JSON.parse(text) as unknown
        } catch {
          throw new InternalError(`expected a JSON body, got ${JSON.stringify(bodyExcerpt(text).slice(0, 60))}`, {
            file: url,
            field: '(response)',
          })
        }
      }
      if (!retryableStatus(res.status)) {
        const hint =
          res.status === 401 || res.status === 403 ? ' (check the API key variable named by --api-key-env)' : ''
        throw new InputError(`HTTP ${res.status}${hint}: ${bodyExcerpt(text)}`, {file: url, field: '(status)'})
      }
      last = `HTTP ${res.status}: ${bodyExcerpt(text)}`
      wait = Math.max(wait, retryAfterSeconds(res.headers.get('retry-after')))
    } catch (error) {
      if (error instanceof InputError || error instanceof InternalError) throw error
      const wrong = wrongEndpointCode(error)
      if (wrong) throw new InputError(`${WRONG_ENDPOINT[wrong]} (${wrong})`, {file: url, field: '(request)'})
      const why = describeNetworkError(error)
      last = why === 'timeout' ? `no complete response within ${policy.timeoutSeconds} s` : `request failed (${why})`
    }
    if (attempt < policy.retries) await sleep(wait)
  }
  const tries = policy.retries + 1
  throw new InternalError(`${last} (${tries} attempt${tries === 1 ? '' : 's'})`, {file: url, field: '(request)'})
}
