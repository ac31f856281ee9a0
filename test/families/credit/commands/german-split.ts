/** German credit fixture paths and the reference train/test split (first 700 / last 300 rows). */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'

export const germanCsv = new URL('../../../fixtures/credit/germancredit.csv', import.meta.url).pathname

export function germanSplit(): {dir: string; train: string; test: string} {
  const dir = tempDir('infolens-credit-')
  const lines = readFileSync(germanCsv, 'utf8').trimEnd().split('\n')
  const train = join(dir, 'train.csv')
  const test = join(dir, 'test.csv')
  writeFileSync(train, [lines[0], ...lines.slice(1, 701)].join('\n') + '\n')
  writeFileSync(test, [lines[0], ...lines.slice(701)].join('\n') + '\n')
  return {dir, train, test}
}
