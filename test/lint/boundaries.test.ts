/**
 * The import rules of eslint.config.js (shared/specs/style.md §2.1) catch what they are for.
 * Each case lints a few lines as if they were a file at `filePath`: the file need not exist,
 * but the modules it imports do, since the rules resolve imports on disk. A resolver that
 * stopped mapping './x.js' to x.ts would silently skip every import, so the cases that must
 * be reported also guard the resolver.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {ESLint} from 'eslint'

const eslint = new ESLint()

/** The rule ids reported for `code` at `filePath`, once each, sorted. */
async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, {filePath})
  return [...new Set(result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`))].sort()
}

test('a family importing another family is reported', async () => {
  const rules = await rulesBroken(
    'src/families/spectral/kernels/x.ts',
    "import {encodeNumber} from '../../kappa/kernels/json-number.js'\nexport const y = encodeNumber(1)\n",
  )
  assert.deepEqual(rules, ['import-x/no-restricted-paths'])
})

test("a family's command importing another family is reported", async () => {
  const rules = await rulesBroken(
    'src/commands/uq/x.ts',
    "import {encodeNumber} from '../../families/kappa/kernels/json-number.js'\nexport const y = encodeNumber(1)\n",
  )
  assert.deepEqual(rules, ['import-x/no-restricted-paths'])
})

test('core importing a family is reported', async () => {
  const rules = await rulesBroken(
    'src/core/report/x.ts',
    "import type {SpectralReportResult} from '../../families/spectral/schema.js'\nexport type Y = SpectralReportResult\n",
  )
  assert.deepEqual(rules, ['import-x/no-restricted-paths'])
})

test('a family importing a command is reported', async () => {
  const rules = await rulesBroken(
    'src/families/credit/render/x.ts',
    "import CreditFairness from '../../../commands/credit/fairness.js'\nexport const y = CreditFairness\n",
  )
  assert.deepEqual(rules, ['import-x/no-restricted-paths'])
})

test('a kernel reading a file is reported', async () => {
  const rules = await rulesBroken(
    'src/families/credit/kernels/x.ts',
    "import {readFileSync} from 'node:fs'\nexport const y = readFileSync\n",
  )
  assert.deepEqual(rules, ['no-restricted-imports'])
})

test('a kernel importing core that is not numerics is reported', async () => {
  const rules = await rulesBroken(
    'src/families/school/kernels/x.ts',
    "import {workerEntry} from '../../../core/worker-entry.js'\nexport const y = workerEntry\n",
  )
  assert.deepEqual(rules, ['import-x/no-restricted-paths'])
})

test('a kernel printing or reading the environment is reported', async () => {
  const rules = await rulesBroken(
    'src/families/uq/kernels/x.ts',
    'export function y(): void {\n  console.log(process.env.HOME)\n}\n',
  )
  assert.deepEqual(rules, ['no-restricted-globals'])
})

test('legal imports are not reported', async () => {
  // A kernel: its own family's kernels and core numerics.
  assert.deepEqual(
    await rulesBroken(
      'src/families/spectral/kernels/x.ts',
      [
        "import {eigvalsh} from '../../../core/linalg/index.js'",
        "import {InputError} from '../../../core/errors.js'",
        "import {nelderMead1d} from './nelder-mead.js'",
        'export const y = [eigvalsh, InputError, nelderMead1d]',
        '',
      ].join('\n'),
    ),
    [],
  )
  // Outside kernels a family may read files and use any of core.
  assert.deepEqual(
    await rulesBroken(
      'src/families/credit/io/x.ts',
      [
        "import {readFileSync} from 'node:fs'",
        "import {reserveTempPath} from '../../../core/io/atomic-write.js'",
        'export const y = [readFileSync, reserveTempPath]',
        '',
      ].join('\n'),
    ),
    [],
  )
  // report render composes every family's section.
  assert.deepEqual(
    await rulesBroken(
      'src/report-render/x.ts',
      "import {renderSpectralSection} from '../families/spectral/render/report-section.js'\nexport const y = renderSpectralSection\n",
    ),
    [],
  )
})
