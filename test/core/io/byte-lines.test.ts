/**
 * readByteLines splits exactly where node:readline (crlfDelay: Infinity) does: `\n`, `\r\n`, a lone
 * `\r`, a last line without a break, blank lines kept, for every chunk size down to one byte (so a
 * `\r\n` split across two reads and lines longer than the buffer are covered).
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

async function byteLines(file: string, chunkBytes: number): Promise<string[]> {
  const handle = await open(file, 'r')
  const out: string[] = []
  try {
    for await (const {bytes} of readByteLines(handle, chunkBytes)) out.push(new TextDecoder().decode(bytes))
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
