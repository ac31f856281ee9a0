import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse} from 'csv-parse/sync'
import {InputError} from '../../../../src/core/errors.js'
import {openCsv} from '../../../../src/families/credit/io/csv-source.js'
import {
  ColumnProfiler,
  type ColumnProfile,
  type ProfileOptions,
} from '../../../../src/families/credit/kernels/column-profile.js'

const dir = mkdtempSync(join(tmpdir(), 'infolens-csv-'))
let n = 0
function write(text: string): string {
  const p = join(dir, `t${n++}.csv`)
  writeFileSync(p, text)
  return p
}

async function readAll(file: string, chunkSize?: number): Promise<string[][]> {
  const source = await openCsv(file, {chunkSize})
  const rows: string[][] = [[...source.header]]
  for await (const batch of source.batches()) rows.push(...batch)
  return rows
}

/** The independent reading: csv-parse on the whole text with the settings of the reader (header trimmed). */
function reference(text: string): string[][] {
  const rows = parse(text, {bom: true, skip_empty_lines: true, relax_column_count: false}) as string[][]
  if (rows.length > 0) rows[0] = rows[0].map((h) => h.trim())
  return rows
}

const TRICKY: Record<string, string> = {
  plain: 'x,y,z\n1,2,a\n-3.5,,b\n',
  'no final newline': 'x,y\n1,2\n3,4',
  crlf: 'x,y\r\n1,2\r\n\r\n3,4\r\n',
  'crlf, no final newline': 'x,y\r\n1,2\r\n3,4',
  'empty lines': '\n\nx,y\n\n1,2\n\n\n3,4\n\n',
  bom: '\ufeffx,y\n1,2\n',
  'bom + crlf': '\ufeffx,y\r\n1,2\r\n',
  'quoted late': 'x,y\n1,2\n3,4\n"5,5",6\n7,8\n',
  'quoted header': '"x","y"\n1,2\n3,4\n',
  'quoted newline': 'x,y\n1,2\n"a\nb",3\n4,5\n',
  'escaped quote': 'x,y\n1,"say ""hi"""\n2,3\n',
  'quotes in crlf file': 'x,y\r\n1,2\r\n"a\r\nb",3\r\n4,5\r\n',
  'old mac line endings': 'x,y\r1,2\r3,4\r',
  'spaces kept': 'x , y\n 1 , 2 \n',
  unicode: 'name,v\nü€😀,1\nçé,2\n',
  'header only': 'x,y\n',
  'one column': 'x\n1\n\n2\n',
  'empty fields': 'a,b,c\n,,\n1,,\n',
  'bom inside a cell': 'x,y\n\ufeff1,2\n3,\ufeff\n',
  'numbers of every form':
    'x,y\n-0,1e-5\n1.7976931348623157e308,4.9e-324\n0.12345678901234567,12345678901234567890123\n',
}

test('the CSV reader gives the same records as csv-parse on tricky inputs, for every chunk size', async () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    const file = write(text)
    const expected = reference(text)
    for (const chunkSize of [1, 2, 3, 5, 7, 16, 1 << 20]) {
      assert.deepEqual(await readAll(file, chunkSize), expected, `${name}, chunk ${chunkSize}`)
    }
  }
})

test('the CSV reader equals csv-parse on a random mix of plain and quoted lines', async () => {
  let seed = 99
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  for (let t = 0; t < 40; t++) {
    const eol = rand() < 0.5 ? '\n' : '\r\n'
    const quoteFrom = Math.floor(rand() * 60)
    const lines = ['a,b,c']
    for (let i = 0; i < 50; i++) {
      const cell = () =>
        i >= quoteFrom && rand() < 0.3 ? `"q${eol}${i}, ""x"""` : String(Math.round(rand() * 1000) / 10)
      lines.push(rand() < 0.05 ? '' : [cell(), cell(), cell()].join(','))
    }
    const text = lines.join(eol) + (rand() < 0.5 ? eol : '')
    const file = write(text)
    for (const chunkSize of [3, 64, 1 << 20])
      assert.deepEqual(await readAll(file, chunkSize), reference(text), `case ${t}, chunk ${chunkSize}`)
  }
})

async function failure(text: string, chunkSize?: number): Promise<InputError> {
  try {
    await readAll(write(text), chunkSize)
  } catch (error) {
    assert.ok(error instanceof InputError, String(error))
    return error
  }
  assert.fail('expected an InputError')
}

test('ragged rows name their physical line on the fast path and after the csv-parse handover', async () => {
  for (const chunkSize of [4, 1 << 20]) {
    assert.match((await failure('x,z,y\n1,a,0\n\n2,b\n', chunkSize)).oneLine, /line 4: expected 3 fields, found 2/)
    assert.match(
      (await failure('x,z,y\r\n1,a,0\r\n2,b,1,7\r\n', chunkSize)).oneLine,
      /line 3: expected 3 fields, found 4/,
    )
    assert.match(
      (await failure('x,z,y\n1,a,0\n"q",b,1\n3,c\n', chunkSize)).oneLine,
      /line 4: expected 3 fields, found 2/,
    )
    assert.match((await failure('x,y\n1,0\n"2,1\n', chunkSize)).oneLine, /line 3: quoted field not closed/)
  }
  assert.match((await failure('')).oneLine, /empty file/)
  assert.match((await failure('\n\n')).oneLine, /empty file/)
})

/** The old path's profile: csv-parse records (as the reader gave before it read bytes), each cell through add(). */
function profileByText(text: string, options: ProfileOptions): ColumnProfile[] {
  const [header, ...rows] = reference(text)
  const profilers = header.map((h) => new ColumnProfiler(h, options))
  rows.forEach((row, r) => row.forEach((cell, j) => profilers[j].add(cell, r % 2)))
  return profilers.map((p) => p.finish())
}

async function profileByBytes(file: string, chunkSize: number, options: ProfileOptions): Promise<ColumnProfile[]> {
  const source = await openCsv(file, {chunkSize})
  const profilers = source.header.map((h) => new ColumnProfiler(h, options))
  let r = 0
  for await (const b of source.byteBatches()) {
    for (let row = 0; row < b.rows; row++, r++)
      for (let j = 0; j < b.width; j++)
        profilers[j].addBytes(b.bytes, b.starts[row * b.width + j], b.ends[row * b.width + j], r % 2)
  }
  return profilers.map((p) => p.finish())
}

test('profiles from the byte reader equal profiles from csv-parse text (quotes, CRLF, BOM, NA, -0, 17 digits, ids)', async () => {
  const numbers = ['1', '-0', '0', '2.5e3', '1E-7', '.5', '1.7976931348623157e308', '4.9e-324', '0.12345678901234567']
  const texts = [
    'NA',
    '',
    'nan',
    'NULL',
    ' 7 ',
    '"q,1"',
    '"say ""hi"""',
    '"two\nlines"',
    '\ufeff3',
    'é',
    '12345678901234567890123',
  ]
  let seed = 5
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const pick = (a: readonly string[]) => a[Math.floor(rand() * a.length)]
  for (const [eol, quoted, bom] of [
    ['\n', false, false],
    ['\r\n', false, true],
    ['\n', true, false],
    ['\r\n', true, true],
  ] as const) {
    const lines = ['num,mixed,cat,ids']
    for (let i = 0; i < 300; i++) {
      const mixed = quoted && i > 150 && rand() < 0.2 ? pick(texts) : pick(numbers)
      const ids = i === 200 ? '12345678901234567890123' : String(i)
      lines.push([pick(numbers), mixed, pick(['a', 'b', 'NA', '', ' a']), ids].join(','))
    }
    const text = (bom ? '\ufeff' : '') + lines.join(eol) + eol
    const file = write(text)
    for (const options of [
      {categorical: false, special: []},
      {categorical: false, special: ['-0', 'a']},
    ]) {
      const expected = profileByText(text, options)
      for (const chunkSize of [1, 7, 64, 1 << 20])
        assert.deepEqual(
          await profileByBytes(file, chunkSize, options),
          expected,
          `${JSON.stringify(eol)} ${quoted} ${chunkSize}`,
        )
    }
  }
})
