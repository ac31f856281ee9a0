/**
 * The checks of one run that a JSON Schema cannot express: square similarity matrices of the
 * right size, one embedding dimension for all inputs and one for all responses, and what the
 * chosen options require (matrices for --similarity precomputed, embeddings for --embedder input).
 * A failed check is a LineProblem: the field path and what was expected, placed in a
 * `FILE:LINE: field: …` message by the reader.
 */
import type {UqReadOptions, UqRun} from './items-jsonl.js'

export class LineProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

function checkSquare(m: ArrayLike<number>[], size: number, field: string): void {
  if (m.length !== size) throw new LineProblem(field, `expected a ${size}x${size} matrix, got ${m.length} rows`)
  m.forEach((row, i) => {
    if (row.length !== size) throw new LineProblem(`${field}[${i}]`, `expected ${size} columns, got ${row.length}`)
  })
}

/** Checks a schema cannot express: sizes, dimensions, requirements of the chosen options. */
export function checkRun(run: UqRun, r: number, o: UqReadOptions): void {
  const m = run.inputs.length
  const total = run.inputs.reduce((a, x) => a + x.responses.length, 0)
  const at = `runs[${r}]`
  if (run.inputSimilarity) checkSquare(run.inputSimilarity, m, `${at}.inputSimilarity`)
  if (run.responseSimilarity) checkSquare(run.responseSimilarity, total, `${at}.responseSimilarity`)
  if (o.requireSimilarity) {
    if (!run.inputSimilarity) throw new LineProblem(`${at}.inputSimilarity`, 'required with --similarity precomputed')
    if (!run.responseSimilarity)
      throw new LineProblem(`${at}.responseSimilarity`, 'required with --similarity precomputed')
  }
  let inputDim = -1
  let responseDim = -1
  run.inputs.forEach((x, i) => {
    const f = `${at}.inputs[${i}]`
    if (x.embedding) {
      if (inputDim >= 0 && x.embedding.length !== inputDim)
        throw new LineProblem(
          `${f}.embedding`,
          `expected ${inputDim} numbers like inputs[0], got ${x.embedding.length}`,
        )
      inputDim = x.embedding.length
    } else if (o.requireEmbeddings && !run.inputSimilarity) {
      throw new LineProblem(
        `${f}.embedding`,
        'expected an array of numbers (or use --embedder lexical, or give inputSimilarity)',
      )
    }
    x.responses.forEach((y, j) => {
      if (y.embedding) {
        if (responseDim >= 0 && y.embedding.length !== responseDim)
          throw new LineProblem(
            `${f}.responses[${j}].embedding`,
            `expected ${responseDim} numbers like the first response, got ${y.embedding.length}`,
          )
        responseDim = y.embedding.length
      } else if (o.requireEmbeddings && !run.responseSimilarity) {
        throw new LineProblem(
          `${f}.responses[${j}].embedding`,
          'expected an array of numbers (or use --embedder lexical, or give responseSimilarity)',
        )
      }
    })
  })
}
