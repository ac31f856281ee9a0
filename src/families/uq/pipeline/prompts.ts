/**
 * The prompts of the Inv-Entropy paper and its released code (spec §2.8 and §3), kept verbatim
 * so generated data match the published protocol: paraphrasing (`paraphrase.py`), answering
 * (`respond.py`), the answer-plus-confidence sample and the LLM judge (`correctness.py`).
 */
import type {ChatMessage} from '../io/openai-compatible-client.js'

/** The released code's answer prompt; `{question}` is replaced. GSM8K used "…return only the result itself." */
export const defaultAnswerPrompt = '{question} Answer concisely and return only the name.'

export function fillQuestion(template: string, question: string): string {
  return template.split('{question}').join(question)
}

export function paraphraseMessages(question: string, n: number): ChatMessage[] {
  return [
    {role: 'system', content: 'You are a helpful assistant that paraphrases sentences.'},
    {role: 'user', content: `Provide ${n} paraphrases for this sentence: ${question}`},
  ]
}

export function answerMessages(template: string, question: string): ChatMessage[] {
  return [{role: 'user', content: fillQuestion(template, question)}]
}

/** The judged answer: a fresh sample that also verbalizes a confidence (VU). */
export function answerWithConfidenceMessages(template: string, question: string): ChatMessage[] {
  return [
    {
      role: 'user',
      content: `${fillQuestion(template, question)}\n And use a percentage to tell me your confidence in your answer.`,
    },
  ]
}

export function judgeMessages(question: string, gold: string, answer: string): ChatMessage[] {
  return [
    {
      role: 'user',
      content: `Are the following two answers to my question Q semantically equivalent?\nQ: ${question}\nA1: ${gold}\nA2: ${answer}\nPlease answer with a single word, either Yes or No.`,
    },
  ]
}
