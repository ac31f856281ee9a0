/**
 * Protocol-level TEST DOUBLE of an OpenAI-compatible server (`POST /v1/chat/completions`,
 * `POST /v1/embeddings`) on 127.0.0.1 with an ephemeral port. Answers are deterministic
 * functions of the request (messages, temperature, seed), never of arrival order, and each
 * response is delayed by a request-dependent few milliseconds so completion order is shuffled.
 * A small "knowledge base" makes some questions certain (one answer) and others uncertain
 * (answers spread over candidates), so uncertainty scores have something to find.
 * Failure modes (500s, a hanging request, malformed bodies, a required key) are switched on
 * through `behaviour`.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface Fact {
  readonly keyword: string
  readonly answers: readonly string[]
}

export const facts: readonly Fact[] = [
  {keyword: 'babbitt', answers: ['Sinclair Lewis']},
  {keyword: 'mockingbird', answers: ['Harper Lee']},
  {keyword: 'everest', answers: ['Nepal']},
  {keyword: 'gravity', answers: ['Isaac Newton', 'Albert Einstein', 'Galileo Galilei', 'Johannes Kepler']},
  {keyword: 'telephone', answers: ['Alexander Graham Bell', 'Antonio Meucci', 'Elisha Gray']},
  {keyword: 'pyramid', answers: ['Khufu', 'Imhotep', 'Sneferu', 'Djoser', 'Ramesses II']},
]

export interface Behaviour {
  /** The next N requests (any path) get HTTP 500. */
  fail500: number
  /** Chat requests never get an answer. */
  hangChat: boolean
  /** Return a body that breaks the named field. */
  malformed: 'none' | 'chat-content' | 'embedding-dim'
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requiredKey?: string
  /** Paraphrase lines returned (undefined: as many as asked). */
  paraphraseLines?: number
}

export interface LoggedRequest {
  readonly path: string
  readonly body: any
  readonly authorization?: string
}

export interface LoopbackServer {
  readonly baseUrl: string
  readonly behaviour: Behaviour
  readonly requests: LoggedRequest[]
  /** Most requests ever in flight at once. */
  readonly maxInFlight: number
  close(): Promise<void>
}

export function hash(s: string): number {
  let h = 2166136261
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0
  return h
}

function answerFor(question: string, temperature: number, seed: number): string {
  const q = question.toLowerCase()
  const fact = facts.find((f) => q.includes(f.keyword))
  if (!fact) return ['I do not know.', 'Unknown', 'No idea'][seed % 3]
  if (fact.answers.length === 1) return fact.answers[0]
  // Higher temperature: wider spread over the candidates.
  const spread = Math.max(2, Math.min(fact.answers.length, Math.round(1 + temperature * fact.answers.length)))
  return fact.answers[seed % spread]
}

const templates = [
  'Could you tell me: {q}',
  'I wonder, {q}',
  '{q} Please answer briefly.',
  'Tell me, {q}',
  'Quick question: {q}',
  '{q} Do you know?',
  'Here is a question. {q}',
  'Answer this: {q}',
  'Please reply: {q}',
]

function chatReply(body: any, b: Behaviour): string {
  const messages: {role: string; content: string}[] = body.messages
  const user = messages[messages.length - 1].content
  const seed = typeof body.seed === 'number' ? body.seed : 0
  if (messages[0].role === 'system') {
    const asked = Number(/Provide (\d+) paraphrases/.exec(user)?.[1] ?? 9)
    const q = user.replace(/^Provide \d+ paraphrases for this sentence: /, '')
    const k = b.paraphraseLines ?? asked
    return Array.from({length: k}, (_, i) => `${i + 1}. ${templates[i % templates.length].replace('{q}', q)}`).join(
      '\n',
    )
  }
  if (user.startsWith('Are the following two answers')) {
    const a1 = /\nA1: (.*)\n/.exec(user)![1].toLowerCase()
    const a2 = /\nA2: (.*)/.exec(user)![1].toLowerCase()
    return a2.startsWith(a1) ? 'Yes' : 'No'
  }
  const answer = answerFor(user, body.temperature, seed)
  return user.includes('use a percentage') ? `${answer}\nConfidence: ${answer.includes(' ') ? 90 : 40}%` : answer
}

/** Bag-of-words vector in 24 dimensions (word → bucket by hash), independent of infolens' embedders. */
export function embed(text: string): number[] {
  const v = new Array(24).fill(0)
  for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) v[hash(w) % 24] += 1
  v[23] += 0.01
  return v
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {'content-type': 'application/json'})
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

export async function startLoopbackServer(initial: Partial<Behaviour> = {}): Promise<LoopbackServer> {
  const behaviour: Behaviour = {fail500: 0, hangChat: false, malformed: 'none', ...initial}
  const requests: LoggedRequest[] = []
  let inFlight = 0
  const state = {maxInFlight: 0}
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    const body = raw ? JSON.parse(raw) : {}
    requests.push({path: req.url ?? '', body, authorization: req.headers.authorization})
    inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, inFlight)
    const done = () => inFlight--
    if (behaviour.requiredKey && req.headers.authorization !== `Bearer ${behaviour.requiredKey}`)
      return (done(), send(res, 401, {error: {message: 'invalid api key'}}))
    if (behaviour.fail500 > 0) {
      behaviour.fail500--
      return (done(), send(res, 500, {error: {message: 'overloaded, try again'}}))
    }
    if (req.url === '/v1/chat/completions' && behaviour.hangChat) return // never answered
    await new Promise((r) => setTimeout(r, hash(raw) % 12))
    done()
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      const content = chatReply(body, behaviour)
      const message =
        behaviour.malformed === 'chat-content' ? {role: 'assistant', text: content} : {role: 'assistant', content}
      return send(res, 200, {
        id: 'loopback',
        object: 'chat.completion',
        model: body.model,
        choices: [{index: 0, message, finish_reason: 'stop'}],
        usage: {prompt_tokens: 10, completion_tokens: 3, total_tokens: 13},
      })
    }
    if (req.method === 'POST' && req.url === '/v1/embeddings') {
      const data = (body.input as string[]).map((t, index) => ({
        object: 'embedding',
        index,
        embedding: behaviour.malformed === 'embedding-dim' && index === 1 ? embed(t).slice(1) : embed(t),
      }))
      return send(res, 200, {object: 'list', model: body.model, data, usage: {prompt_tokens: 5, total_tokens: 5}})
    }
    send(res, 404, {error: {message: `no route ${req.url}`}})
  }
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    behaviour,
    requests,
    get maxInFlight() {
      return state.maxInFlight
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
