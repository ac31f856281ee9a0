/**
 * readByteLines splits exactly where node:readline (crlfDelay: Infinity) does: `\n`, `\r\n`, a lone
 * `\r`, a last line without a break, blank lines kept, for every chunk size down to one byte (so a
 * `\r\n` split across two reads and lines longer than the buffer are covered). The reader reads one
 * chunk ahead into a second buffer behind a headroom of a quarter chunk: lines shorter and longer than
 * the headroom, byte ranges, and a reader that stops early are pinned too.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createReadStream, writeFileSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {readByteLines} from '../../../src/core/io/byte-lines.js'
import {tempDir} from '../../helpers/cli.js'

async function readlineLines(file: string): Promise<string[]> {
  const out: string[] = []
  for await (const line of createInterface({input: createReadStream(file, {encoding: 'utf8'}), crlfDelay: Infinity}))
    out.push(line)
  return out
}

async function byteLines(file: string, chunkBytes: number, range?: {start: number; end?: number}): Promise<string[]> {
  const handle = await open(file, 'r')
  const out: string[] = []
  try {
    for await (const {bytes} of readByteLines(handle, chunkBytes, range)) out.push(new TextDecoder().decode(bytes))
  } finally {
    await handle.close()
  }
  return out
}

const samples = [
  'a\nbb\nccc\n',
  'a\r\nbb\r\n\r\nccc',
  'one\rtwo\r\rthree\n\nfour\r',
  '\n\n{"x": [1, 2]}\r\n  \n',
  'ünïcödé ✓\r\n[1,2,3]\n' + 'long line '.repeat(50) + '\n',
  '',
  'no break at all',
]

for (const [k, text] of samples.entries()) {
  test(`sample ${k}: the same lines as readline for every chunk size`, async () => {
    const file = join(tempDir('infolens-lines-'), 'f.txt')
    writeFileSync(file, text)
    const expected = await readlineLines(file)
    for (const chunk of [1, 2, 3, 7, 64, 4096])
      assert.deepEqual(await byteLines(file, chunk), expected, `chunk ${chunk}`)
  })
}

test('lines around the headroom: short lines, lines longer than a chunk, CRLF at every chunk edge', async () => {
  const lines: string[] = []
  for (let k = 0; k < 300; k++) lines.push('x'.repeat((k * 37) % 23) + (k % 17 === 0 ? 'y'.repeat(200 + k) : ''))
  const text = lines.map((l, k) => l + (k % 3 === 0 ? '\r\n' : '\n')).join('')
  const file = join(tempDir('infolens-lines-'), 'f.txt')
  writeFileSync(file, text)
  const expected = await readlineLines(file)
  for (const chunk of [4, 5, 16, 33, 100, 1000, 1 << 16])
    assert.deepEqual(await byteLines(file, chunk), expected, `chunk ${chunk}`)
})

test('a byte range yields exactly its own lines, and bytesRead counts from the start of the file', async () => {
  const text = Array.from({length: 50}, (_, k) => `line ${k} ` + 'z'.repeat(k)).join('\n') + '\n'
  const file = join(tempDir('infolens-lines-'), 'f.txt')
  writeFileSync(file, text)
  const start = text.indexOf('line 10 ')
  const end = text.indexOf('line 30 ')
  const expected = text.slice(start, end).split('\n').slice(0, -1)
  for (const chunk of [1, 7, 64, 4096]) {
    assert.deepEqual(await byteLines(file, chunk, {start, end}), expected, `chunk ${chunk}`)
    const handle = await open(file, 'r')
    let last = 0
    for await (const {bytesRead} of readByteLines(handle, chunk, {start, end})) last = bytesRead
    await handle.close()
    assert.ok(last > start && last <= end, `bytesRead ${last} within (${start}, ${end}]`)
  }
})

test('a reader that stops after the first line gets it whole, and the file then closes without an error', async () => {
  const file = join(tempDir('infolens-lines-'), 'f.txt')
  writeFileSync(file, 'first\n' + 'more\n'.repeat(100_000))
  for (const chunk of [16, 4096, 1 << 20]) {
    const handle = await open(file, 'r')
    for await (const {bytes} of readByteLines(handle, chunk)) {
      assert.equal(new TextDecoder().decode(bytes), 'first')
      break
    }
    await handle.close() // the generator's finally has waited for its read-ahead, so nothing reads after this
  }
})
