/**
 * `uq generate`: from questions (and optional perturbations) to `inv-entropy/v1` items by
 * querying an OpenAI-compatible chat endpoint with the paper's prompts, plus optional
 * embeddings from an OpenAI-compatible `/embeddings` endpoint and optional LLM-judge labels.
 *
 * Determinism: every request carries a `seed` derived from (--seed, item id, role, indices),
 * never from arrival order, and items are written in input order whatever the concurrency
 * (a sliding window of items in flight, flushed in order). Output goes to a temporary file
 * next to the target and is renamed over it only when every item succeeded.
 */
import {writeSync} from 'node:fs'
import {InternalError} from '../../../core/errors.js'
import type {OpenAiCompatibleClient} from '../io/openai-compatible-client.js'
import type {UqQuestion} from '../io/questions.js'
import {fnv1a32} from '../kernels/hashed-tfidf.js'
import {judgeVerdict, verbalizedConfidence} from '../kernels/judge-replies.js'
import {fitToCount, parseParaphraseReply} from '../kernels/paraphrase-list.js'
import {createXoshiro128} from '../../../core/random/xoshiro128.js'
import {writeAtomic} from '../../../core/io/atomic-write.js'
import {answerMessages, answerWithConfidenceMessages, judgeMessages, paraphraseMessages} from './prompts.js'

export interface GenerateOptions {
  readonly perturbations: number
  readonly responses: number
  readonly temperatures: readonly number[]
  readonly paraphraseTemperature: number
  readonly answerPrompt: string
  readonly judge: boolean
  readonly seed: number
  readonly sendSeed: boolean
  readonly maxTokens?: number
  /** Items processed at once (their requests share the client's concurrency limit). */
  readonly itemsInFlight: number
  readonly embedder?: {readonly client: OpenAiCompatibleClient; readonly model: string; readonly batch: number}
}

export interface GenerateSummary {
  items: number
  inputs: {min: number; max: number}
  perturbations: {fromFile: number; paraphrased: number; duplicated: number}
  judge: {labelled: number; correct: number; unlabelled: number} | null
  embeddings: {model: string; dim: number; texts: number} | null
}

type Json = Record<string, unknown>

/** The `seed` sent with one request: a function of its role, never of timing. */
function requestSeed(o: GenerateOptions, id: string, role: string): number | undefined {
  return o.sendSeed ? fnv1a32(`${o.seed}\u0000${id}\u0000${role}`) & 0x7fffffff : undefined
}

async function perturbationsOf(
  q: UqQuestion,
  o: GenerateOptions,
  chat: OpenAiCompatibleClient,
  s: GenerateSummary,
): Promise<{texts: string[]; kind: string}> {
  if (q.perturbations) {
    s.perturbations.fromFile++
    return {texts: q.perturbations, kind: q.perturbationKind ?? 'perturbation'}
  }
  const reply = await chat.chat({
    messages: paraphraseMessages(q.question, o.perturbations),
    temperature: o.paraphraseTemperature,
    seed: requestSeed(o, q.id, 'paraphrase'),
  })
  const parsed = parseParaphraseReply(reply)
  if (parsed.length === 0)
    throw new InternalError(`expected paraphrases, one per line, for question "${q.id}"; got an empty reply`, {
      file: chat.chatUrl,
      field: 'choices[0].message.content',
    })
  if (parsed.length < o.perturbations) s.perturbations.duplicated++
  s.perturbations.paraphrased++
  return {texts: fitToCount(parsed, o.perturbations, createXoshiro128(o.seed, q.line)), kind: 'paraphrase'}
}

async function judge(
  q: UqQuestion,
  o: GenerateOptions,
  chat: OpenAiCompatibleClient,
  s: GenerateSummary,
): Promise<Json> {
  const j = s.judge!
  const answer = await chat.chat({
    messages: answerWithConfidenceMessages(o.answerPrompt, q.question),
    temperature: 0.7,
    seed: requestSeed(o, q.id, 'judged-answer'),
    maxTokens: o.maxTokens,
  })
  const vu = verbalizedConfidence(answer)
  let correct = q.correct
  if (correct === undefined && q.reference !== undefined) {
    correct = judgeVerdict(
      await chat.chat({
        messages: judgeMessages(q.question, q.reference, answer),
        temperature: 0,
        seed: requestSeed(o, q.id, 'judge'),
      }),
    )
  }
  if (correct === undefined) j.unlabelled++
  else {
    j.labelled++
    j.correct += correct
  }
  return {answer, ...(correct === undefined ? {} : {correct}), ...(vu === undefined ? {} : {verbalizedConfidence: vu})}
}

async function embedItem(runs: Json[], e: NonNullable<GenerateOptions['embedder']>, s: GenerateSummary): Promise<void> {
  const targets: {text: string}[] = []
  for (const run of runs)
    for (const x of run.inputs as Json[]) targets.push(x as {text: string}, ...(x.responses as {text: string}[]))
  const unique = [...new Set(targets.map((t) => t.text))]
  const vectors = new Map<string, number[]>()
  for (let k = 0; k < unique.length; k += e.batch) {
    const batch = unique.slice(k, k + e.batch)
    const got = await e.client.embed(batch)
    batch.forEach((t, i) => vectors.set(t, got[i]))
  }
  const emb = s.embeddings!
  for (const t of targets) {
    const v = vectors.get(t.text)!
    if (emb.dim >= 0 && v.length !== emb.dim)
      throw new InternalError(`expected ${emb.dim} numbers like the earlier embeddings, got ${v.length}`, {
        file: e.client.embeddingsUrl,
        field: 'data[].embedding',
      })
    emb.dim = v.length
    ;(t as Json).embedding = v
  }
  emb.texts += unique.length
}

async function generateItem(
  q: UqQuestion,
  o: GenerateOptions,
  chat: OpenAiCompatibleClient,
  s: GenerateSummary,
): Promise<Json> {
  const {texts, kind} = await perturbationsOf(q, o, chat, s)
  const all = [q.question, ...texts]
  s.inputs.min = Math.min(s.inputs.min, all.length)
  s.inputs.max = Math.max(s.inputs.max, all.length)
  const ask = (text: string, t: number, i: number, k: number) =>
    chat.chat({
      messages: answerMessages(o.answerPrompt, text),
      temperature: o.temperatures[t],
      seed: requestSeed(o, q.id, `answer:${t}:${i}:${k}`),
      maxTokens: o.maxTokens,
    })
  const runsPromise = Promise.all(
    o.temperatures.map(async (temperature, t) => ({
      temperature,
      inputs: await Promise.all(
        all.map(async (text, i) => ({
          text,
          kind: i === 0 ? 'original' : kind,
          responses: await Promise.all(
            Array.from({length: o.responses}, async (_, k) => ({text: await ask(text, t, i, k)})),
          ),
        })),
      ),
    })),
  )
  const [runs, labels] = await Promise.all([runsPromise, o.judge ? judge(q, o, chat, s) : Promise.resolve({} as Json)])
  const {verbalizedConfidence: vu, ...label} = labels
  const runsOut: Json[] = runs.map((r) => (vu === undefined ? r : {...r, verbalizedConfidence: vu}))
  if (o.embedder) await embedItem(runsOut, o.embedder, s)
  return {
    schema: 'inv-entropy/v1',
    id: q.id,
    ...(q.reference === undefined ? {} : {reference: q.reference}),
    ...(q.correct === undefined ? {} : {correct: q.correct}),
    ...label,
    ...(o.embedder ? {embedding: {model: o.embedder.model, source: 'openai-compatible /embeddings'}} : {}),
    runs: runsOut,
  }
}

/**
 * Generates every item and writes them, one JSON line each in input order, to `output`
 * (atomically). `onItem` is told after each written item (progress).
 */
export async function generateUqFile(
  questions: readonly UqQuestion[],
  output: string,
  o: GenerateOptions,
  chat: OpenAiCompatibleClient,
  onItem?: () => void,
): Promise<GenerateSummary> {
  const s: GenerateSummary = {
    items: 0,
    inputs: {min: Infinity, max: 0},
    perturbations: {fromFile: 0, paraphrased: 0, duplicated: 0},
    judge: o.judge ? {labelled: 0, correct: 0, unlabelled: 0} : null,
    embeddings: o.embedder ? {model: o.embedder.model, dim: -1, texts: 0} : null,
  }
  await writeAtomic(output, async (fd) => {
    const pending: Promise<Json>[] = []
    let started = 0
    for (let done = 0; done < questions.length; done++) {
      while (started < questions.length && started - done < o.itemsInFlight) {
        const p = generateItem(questions[started++], o, chat, s)
        p.catch(() => {}) // awaited below in order; this only silences early rejections
        pending.push(p)
      }
      const item = await pending[done]
      delete pending[done]
      writeSync(fd, JSON.stringify(item) + '\n')
      s.items++
      onItem?.()
    }
  })
  if (s.inputs.min === Infinity) s.inputs.min = 0
  return s
}
