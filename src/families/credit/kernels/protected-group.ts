/**
 * The protected-attribute indicator A from an expression on one column: `COL<=25`,
 * `COL<25`, `COL>=v`, `COL>v`, `COL==v` (or `=`), `COL!=v`; numeric comparison when v is a
 * number, text otherwise. A missing cell is an InputError (the group must be known).
 */
import {InputError} from '../../../core/errors.js'
import {isMissingCell, parseNumericCell} from './cell-value.js'

export interface ProtectedGroup {
  readonly column: string
  readonly expression: string
  /** 1 when the row belongs to the protected group. */
  member(cell: string, line: number, file: string): number
}

const PATTERN = /^\s*(.+?)\s*(<=|>=|==|!=|<|>|=)\s*(.*?)\s*$/

export function parseProtected(expression: string): ProtectedGroup {
  const m = PATTERN.exec(expression)
  if (!m) throw new InputError('expected COL<=v, COL<v, COL>=v, COL>v, COL==v or COL!=v', {field: '--protected'})
  const [, column, op, raw] = m
  const v = parseNumericCell(raw)
  const numeric = !Number.isNaN(v)
  const test = (x: number | string, y: number | string): boolean => {
    switch (op) {
      case '<=':
        return x <= y
      case '<':
        return x < y
      case '>=':
        return x >= y
      case '>':
        return x > y
      case '!=':
        return x !== y
      default:
        return x === y
    }
  }
  return {
    column,
    expression,
    member(cell, line, file) {
      if (isMissingCell(cell))
        throw new InputError(`missing value at line ${line}: the protected group must be known`, {file, field: column})
      if (!numeric) return test(cell.trim(), raw) ? 1 : 0
      const x = parseNumericCell(cell)
      if (Number.isNaN(x))
        throw new InputError(`non-numeric value "${cell}" at line ${line}: expected a number for ${expression}`, {
          file,
          field: column,
        })
      return test(x, v) ? 1 : 0
    },
  }
}
