/**
 * A tiny, safe expression language for `--fail-on` quality gates (no eval): comparisons of row fields with
 * numbers, combined with &&, ||, ! and parentheses, e.g. `alpha>6 || alpha<2`, `!(D<0.1) && N>=1000`.
 * Grammar (recursive descent):
 *   or   := and ('||' and)*        and := not ('&&' not)*        not := '!' not | atom
 *   atom := '(' or ')' | operand cmp operand      cmp := < <= > >= == !=
 *   operand := number | field name [A-Za-z_][A-Za-z0-9_]*
 * A comparison involving a missing or null field is false (a failed fit has no alpha).
 * Nesting ('(' and '!') is capped at MAX_DEPTH so a hostile expression is a parse error, not a stack overflow.
 */

export type Row = Readonly<Record<string, unknown>>
export type Predicate = (row: Row) => boolean

type Token = {kind: 'num'; value: number} | {kind: 'id'; value: string} | {kind: 'op'; value: string}

export class ExpressionError extends Error {}

/** Deepest nesting of parentheses and negations; real gates use two or three levels. */
export const MAX_DEPTH = 64

function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  const re =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||<=|>=|==|!=|<|>|!|\(|\)|-))/y
  let pos = 0
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break
    re.lastIndex = pos
    const m = re.exec(src)
    if (!m) throw new ExpressionError(`unexpected character at position ${pos + 1} in '${clip(src)}'`)
    if (m[1] !== undefined) tokens.push({kind: 'num', value: Number(m[1])})
    else if (m[2] !== undefined) tokens.push({kind: 'id', value: m[2]})
    else tokens.push({kind: 'op', value: m[3]})
    pos = re.lastIndex
  }
  return tokens
}

type Operand = (row: Row) => number | undefined

/** Parses `src` into a predicate; throws ExpressionError with a one-line reason. `fields` lists valid names. */
export function parseGate(src: string, fields: readonly string[]): Predicate {
  const tokens = tokenize(src)
  let i = 0
  let depth = 0
  const nest = <T>(fn: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExpressionError(`nesting deeper than ${MAX_DEPTH} levels in '${clip(src)}'`)
    const inner = fn()
    depth--
    return inner
  }
  const peek = () => tokens[i]
  const isOp = (v: string) => peek()?.kind === 'op' && peek()!.value === v
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected '${v}' in '${clip(src)}'`)
    i++
  }
  const operand = (): Operand => {
    let sign = 1
    while (isOp('-')) {
      sign = -sign
      i++
    }
    const t = tokens[i++]
    if (t?.kind === 'num') return () => sign * t.value
    if (t?.kind === 'id') {
      if (!fields.includes(t.value))
        throw new ExpressionError(`unknown field '${t.value}' (expected one of ${fields.join(', ')})`)
      return (row) => {
        const v = row[t.value]
        return typeof v === 'number' ? sign * v : undefined
      }
    }
    throw new ExpressionError(`expected a number or a field name in '${clip(src)}'`)
  }
  const comparison = (): Predicate => {
    const left = operand()
    const t = tokens[i++]
    const ops: Record<string, (a: number, b: number) => boolean> = {
      '<': (a, b) => a < b,
      '<=': (a, b) => a <= b,
      '>': (a, b) => a > b,
      '>=': (a, b) => a >= b,
      '==': (a, b) => a === b,
      '!=': (a, b) => a !== b,
    }
    if (t?.kind !== 'op' || !(t.value in ops))
      throw new ExpressionError(`expected a comparison (< <= > >= == !=) in '${clip(src)}'`)
    const cmp = ops[t.value]
    const right = operand()
    return (row) => {
      const a = left(row)
      const b = right(row)
      return a !== undefined && b !== undefined && cmp(a, b)
    }
  }
  const atom = (): Predicate => {
    if (isOp('(')) {
      i++
      const inner = nest(or)
      expect(')')
      return inner
    }
    return comparison()
  }
  const not = (): Predicate => {
    if (isOp('!')) {
      i++
      const inner = nest(not)
      return (row) => !inner(row)
    }
    return atom()
  }
  const and = (): Predicate => {
    let left = not()
    while (isOp('&&')) {
      i++
      const l = left
      const r = not()
      left = (row) => l(row) && r(row)
    }
    return left
  }
  function or(): Predicate {
    let left = and()
    while (isOp('||')) {
      i++
      const l = left
      const r = and()
      left = (row) => l(row) || r(row)
    }
    return left
  }
  if (tokens.length === 0) throw new ExpressionError('empty expression')
  const predicate = or()
  if (i < tokens.length) throw new ExpressionError(`unexpected '${String(tokens[i].value)}' in '${clip(src)}'`)
  return predicate
}

/** The field names an expression reads (after it parsed), to tell whether any row can be judged at all. */
export function gateFields(src: string): string[] {
  return [...new Set(tokenize(src).flatMap((t) => (t.kind === 'id' ? [t.value] : [])))]
}

/** Long hostile expressions are quoted by their start only, so the error stays one readable line. */
function clip(src: string): string {
  return src.length > 60 ? `${src.slice(0, 60)}…` : src
}
