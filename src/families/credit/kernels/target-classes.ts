/**
 * Decodes the binary target column while streaming. With `bad` given, that value is the
 * event (bad = 1) and exactly one other value must occur; without it the two values are
 * recognised as {0,1} (1 bad), {good,bad}, {false,true} (true bad) or {no,yes} (yes bad).
 * Rows are first labelled by arrival slot (0 = first value seen) so a single pass
 * suffices; `badSlot()` says at the end which slot is the bad class. Cells come as text or as bytes (the CSV hot
 * path): a cell's slot depends on its text only, so it is remembered per distinct byte string.
 */
import {InputError} from '../../../core/errors.js'
import {ByteKeyIndex} from './byte-key-index.js'
import {cellText} from './cell-bytes.js'

const KNOWN_BAD: readonly [string, string][] = [
  ['0', '1'],
  ['good', 'bad'],
  ['false', 'true'],
  ['no', 'yes'],
]

export class TargetClasses {
  private readonly values: string[] = []
  /** Slots of the byte strings seen so far (a handful: the two labels, perhaps with spaces). */
  private readonly byteSlots = new ByteKeyIndex(256)

  constructor(
    private readonly file: string,
    private readonly column: string,
    private readonly bad?: string,
  ) {}

  /** Slot of this target cell (0 or 1); throws on a missing value or a third class. */
  slot(cell: string, line: number): number {
    const v = cell.trim()
    if (v === '')
      throw new InputError(`missing target value at line ${line}: expected one of two classes`, {
        file: this.file,
        field: this.column,
      })
    if (this.values[0] === v) return 0
    if (this.values[1] === v) return 1
    if (this.values.length === 2) {
      throw new InputError(`more than two classes (${this.values.join(', ')}, ${v}): expected a binary target`, {
        file: this.file,
        field: this.column,
      })
    }
    return this.values.push(v) - 1
  }

  /** slot(cellText(bytes, start, end), line), without decoding a cell seen before. */
  slotOfBytes(bytes: Uint8Array, start: number, end: number, line: number): number {
    const known = this.byteSlots.get(bytes, start, end)
    if (known >= 0) return known
    const slot = this.slot(cellText(bytes, start, end), line)
    this.byteSlots.set(bytes, start, end, slot)
    return slot
  }

  /** The values seen, in slot order (first seen first). */
  seen(): readonly string[] {
    return this.values
  }

  /** The slot holding the bad class, after every row was seen. */
  badSlot(): number {
    const [a, b] = this.values
    if (this.values.length < 2) {
      throw new InputError(`single class (${a ?? 'no rows'}): expected a binary target with two classes`, {
        file: this.file,
        field: this.column,
      })
    }
    if (this.bad !== undefined) {
      const i = this.values.indexOf(this.bad)
      if (i < 0)
        throw new InputError(`--bad value "${this.bad}" not found (classes: ${a}, ${b})`, {
          file: this.file,
          field: this.column,
        })
      return i
    }
    for (const [good, bad] of KNOWN_BAD) {
      const lower = this.values.map((x) => x.toLowerCase())
      if (lower.includes(good) && lower.includes(bad)) return lower.indexOf(bad)
    }
    throw new InputError(`cannot tell which class is bad (${a}, ${b}): pass --bad VALUE`, {
      file: this.file,
      field: this.column,
    })
  }

  labels(): {bad: string; good: string} {
    const s = this.badSlot()
    return {bad: this.values[s], good: this.values[1 - s]}
  }
}
