/**
 * splitIntoLineRanges: reading every range with readByteLines (numbering lines from the range's
 * firstLine) gives exactly the lines and line numbers of one read of the whole file, for `\n`,
 * `\r\n`, lone `\r` (also as the last byte of a counting chunk), blank lines and any number of parts;
 * a file with no `\n` to cut at stays one range.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {join} from 'node:path'
import {readByteLines} from '../../../src/core/io/byte-lines.js'
import {splitIntoLineRanges} from '../../../src/core/io/line-ranges.js'
import {createXoshiro128} from '../../../src/core/random/xoshiro128.js'
import {tempDir} from '../../helpers/cli.js'

/** [line number, text] of every line, reading the ranges one after another. */
async function numberedLines(
  file: string,
  parts: number,
  headStart = 0,
): Promise<{lines: [number, string][]; ranges: number}> {
  const handle = await open(file, 'r')
  try {
    const {size} = await handle.stat()
    const ranges = await splitIntoLineRanges(handle, size, parts, headStart)
    const lines: [number, string][] = []
    for (const r of ranges) {
      let line = r.firstLine
      for await (const {bytes} of readByteLines(handle, 64, r)) lines.push([line++, new TextDecoder().decode(bytes)])
    }
    return {lines, ranges: ranges.length}
  } finally {
    await handle.close()
  }
}

test('ranges read one by one give the lines and numbers of the whole file', async () => {
  const rng = createXoshiro128(9, 1)
  const breaks = ['\n', '\r\n', '\r', '\n\n', '\r\r\n']
  for (let rep = 0; rep < 30; rep++) {
    let text = ''
    const count = 1 + rng.nextInt(40)
    for (let k = 0; k < count; k++) text += 'x'.repeat(rng.nextInt(30)) + breaks[rng.nextInt(breaks.length)]
    if (rng.nextInt(2) === 0) text += 'tail without a break'
    const file = join(tempDir('infolens-ranges-'), 'f.txt')
    writeFileSync(file, text)
    const whole = await numberedLines(file, 1)
    assert.equal(whole.ranges, 1)
    for (const parts of [2, 3, 7]) {
      const split = await numberedLines(file, parts)
      assert.deepEqual(split.lines, whole.lines, `rep ${rep}, ${parts} parts`)
      const headStart = 1 + rng.nextInt(text.length)
      const ahead = await numberedLines(file, parts, headStart)
      assert.deepEqual(ahead.lines, whole.lines, `rep ${rep}, ${parts} parts, head start ${headStart}`)
    }
  }
})

test('a lone \\r at the end of a 4 MiB counting chunk is one break, a \\r\\n across it one too', async () => {
  const chunk = 4 * 2 ** 20
  for (const tail of ['\rb\n', '\nb\n']) {
    const text = 'a'.repeat(chunk - 1) + '\r' + tail + 'c\n'.repeat(2000) + 'd'
    const file = join(tempDir('infolens-ranges-'), 'f.txt')
    writeFileSync(file, text)
    const whole = await numberedLines(file, 1)
    const split = await numberedLines(file, 2)
    assert.equal(split.ranges, 2)
    assert.deepEqual(split.lines, whole.lines)
  }
})

test('a file without \\n to cut at is one range', async () => {
  const file = join(tempDir('infolens-ranges-'), 'f.txt')
  writeFileSync(file, 'one\rtwo\rthree')
  assert.equal((await numberedLines(file, 4)).ranges, 1)
})

test('with a head start the first range is that much longer than an equal share; the others share the rest', async () => {
  const file = join(tempDir('infolens-ranges-'), 'f.txt')
  writeFileSync(file, 'abcdefghi\n'.repeat(10_000)) // 100,000 bytes, a break every 10
  const handle = await open(file, 'r')
  try {
    const [a, b, c] = await splitIntoLineRanges(handle, 100_000, 3, 30_000)
    // equal share 33,333 + 30,000 = 63,333, cut after the next \n: 63,340; the rest halved, cut likewise
    assert.deepEqual([a.start, a.end, a.firstLine], [0, 63_340, 1])
    assert.deepEqual([b.start, b.end, b.firstLine], [63_340, 81_680, 6_335])
    assert.deepEqual([c.start, c.end, c.firstLine], [81_680, 100_000, 8_169])
    // a head start larger than the file leaves the later ranges half of what is left, not nothing
    const [first, second] = await splitIntoLineRanges(handle, 100_000, 2, 10 ** 9)
    assert.deepEqual([first.end, second.end], [75_010, 100_000])
  } finally {
    await handle.close()
  }
})
