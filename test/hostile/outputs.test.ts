/**
 * Hostile output paths (issue 18, items 9 and 10): an output that is an input, an existing directory, a
 * file where a directory is needed, a missing parent, an unreachable endpoint. Each is exit 2 with one
 * line naming the path, before anything is written, and the input is left byte for byte.
 */
import assert from 'node:assert/strict'
import {copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {InputError} from '../../src/core/errors.js'
import {writeFileAtomic} from '../../src/core/io/atomic-write.js'
import {makeOutputDir} from '../../src/core/io/output-paths.js'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {runCliAsync} from '../helpers/cli-async.js'

const credit = new URL('../fixtures/credit/generated.csv', import.meta.url).pathname
const ONE_LINE = /^infolens: error: [^\n]+\n$/

/** Runs the CLI in `dir` and checks: exit 2, one line matching `pattern`, and the folder unchanged. */
function refused(dir: string, args: string[], pattern: RegExp): void {
  const before = snapshot(dir)
  const r = runCli(args, {cwd: dir})
  assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`)
  assert.match(r.stderr, ONE_LINE)
  assert.match(r.stderr, pattern)
  assert.deepEqual(snapshot(dir), before, 'nothing written, no temp file left, inputs intact')
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, {withFileTypes: true, recursive: true})) {
    const p = join(e.parentPath ?? (e as any).path, e.name)
    out[p] = e.isFile() ? readFileSync(p).toString('base64') : e.isDirectory() ? 'dir' : 'other'
  }
  return out
}

describe('an output equal to an input is refused (item 10)', () => {
  const dir = tempDir()
  copyFileSync(credit, join(dir, 'g.csv'))
  symlinkSync('g.csv', join(dir, 'link.csv'))
  mkdirSync(join(dir, 'sub'))
  const model = join(dir, 'm.safetensors')
  writeSafetensors(model, [{name: 'fc.weight', dtype: 'F32', shape: [4, 4], data: new Float32Array(16).fill(1)}])
  writeFileSync(join(dir, 'q.jsonl'), JSON.stringify({id: 'a', question: 'Who wrote Babbitt?'}) + '\n')
  assert.equal(
    runCli(['credit', 'bin', 'g.csv', '--target', 'y', '--out', 'bins.json', '--quiet'], {cwd: dir}).status,
    0,
  )
  const input = /expected a path other than the input/

  const cases: [string, string[]][] = [
    ['--out g.csv', ['credit', 'bin', 'g.csv', '--target', 'y', '--out', 'g.csv']],
    ['--out ./sub/../g.csv', ['credit', 'bin', 'g.csv', '--target', 'y', '--out', './sub/../g.csv']],
    [
      '--out absolute path of a relative input',
      ['credit', 'bin', 'g.csv', '--target', 'y', '--out', join(dir, 'g.csv')],
    ],
    ['--out the target of an input symlink', ['credit', 'bin', 'link.csv', '--target', 'y', '--out', 'g.csv']],
    ['--out the --bins input of psi', ['credit', 'psi', 'g.csv', 'g.csv', '--bins', 'bins.json', '--out', 'bins.json']],
    ['--out the ACTUAL of psi', ['credit', 'psi', 'g.csv', 'link.csv', '--bins', 'bins.json', '--out', 'g.csv']],
    ['--netcdf the checkpoint', ['spectral', 'analyze', 'm.safetensors', '--no-cache', '--netcdf', 'm.safetensors']],
    ['--out the checkpoint', ['checkpoint', 'inspect', 'm.safetensors', '--out', 'm.safetensors']],
    ['uq perturb OUTPUT = QUESTIONS', ['uq', 'perturb', 'q.jsonl', 'q.jsonl', '--wordnet', 'none']],
  ]
  for (const [label, args] of cases) it(label, () => refused(dir, args, input))

  it('two outputs on one path', () =>
    refused(
      dir,
      ['credit', 'bin', 'g.csv', '--target', 'y', '--out', 'o', '--plots', 'o'],
      /--plots: expected a path other than --out's/,
    ))
})

describe('outputs that cannot be written where they point (item 9)', () => {
  const dir = tempDir()
  copyFileSync(credit, join(dir, 'g.csv'))
  mkdirSync(join(dir, 'existing-dir'))
  writeFileSync(join(dir, 'a-file'), 'x')
  const bin = (...extra: string[]) => ['credit', 'bin', 'g.csv', '--target', 'y', ...extra]

  it('--out onto an existing directory', () =>
    refused(dir, bin('--out', 'existing-dir'), /existing-dir: --out: expected a file path, got an existing directory/))
  it('--out under a missing directory', () =>
    refused(dir, bin('--out', 'missing/r.json'), /missing\/r\.json: --out: expected an existing directory/))
  it('--out under a file', () =>
    refused(dir, bin('--out', 'a-file/r.json'), /a-file\/r\.json: --out: expected a directory above the file/))
  it('--plots onto a file', () =>
    refused(dir, bin('--plots', 'a-file'), /a-file: --plots: expected a directory, got an existing file/))
  it('--plots below a file', () =>
    refused(dir, bin('--plots', 'a-file/plots'), /a-file\/plots: --plots: expected a directory, got the file/))
  it('school simulate --nc onto an existing directory', () =>
    refused(
      dir,
      ['school', 'simulate', '--agents', '10', '--steps', '2', '--nc', 'existing-dir'],
      /existing-dir: --nc: expected a file path/,
    ))
  it('kappa plan --emit onto a file', () =>
    refused(dir, ['kappa', 'plan', 'g.csv', '--emit', 'a-file'], /a-file: --emit: expected a directory/))
  it('--plots into a read-only directory', {skip: process.getuid?.() === 0 && 'root ignores directory modes'}, () => {
    const ro = join(dir, 'ro')
    mkdirSync(ro, {mode: 0o555})
    refused(dir, bin('--plots', 'ro/plots'), /ro\/plots: --plots: expected a writable directory/)
  })

  it('the atomic writer itself classifies path errors as bad input (EISDIR, ENOTDIR, ENOENT)', () => {
    for (const [target, code] of [
      [join(dir, 'existing-dir'), 'EISDIR'],
      [join(dir, 'a-file', 'x.json'), 'ENOTDIR'],
      [join(dir, 'missing', 'x.json'), 'ENOENT'],
    ]) {
      assert.throws(
        () => writeFileAtomic(target, 'data'),
        (e: unknown) => e instanceof InputError && e.file === target && e.message.includes(`(${code})`),
        code,
      )
    }
    assert.throws(() => makeOutputDir(join(dir, 'a-file'), '--plots'), InputError)
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.tmp-')),
      [],
      'no temp file left',
    )
  })
})

describe('uq generate against a closed localhost port (item 9)', () => {
  it('fails at once with exit 2, no retries', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as {port: number}).port
        s.close(() => resolve(p))
      })
    })
    const dir = tempDir()
    const q = join(dir, 'q.jsonl')
    writeFileSync(q, JSON.stringify({id: 'a', question: 'Who wrote Babbitt?'}) + '\n')
    // --backoff 20 with 5 retries would take minutes: finishing inside the 60 s kill means no retry happened
    const r = await runCliAsync(
      [
        'uq',
        'generate',
        q,
        join(dir, 'out.jsonl'),
        '--endpoint',
        `http://127.0.0.1:${port}/v1`,
        '--model',
        'm',
        '--retries',
        '5',
        '--backoff',
        '20',
      ],
      {timeoutMs: 60_000},
    )
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, ONE_LINE)
    assert.match(r.stderr, /127\.0\.0\.1:\d+.*connection refused.*\(ECONNREFUSED\)/)
    assert.deepEqual(readdirSync(dir), ['q.jsonl'])
  })
})

describe('cluster emit --out', () => {
  it('onto an existing file is one line, exit 2, and the file is untouched', () => {
    const dir = tempDir()
    const file = join(dir, 'data.csv')
    writeFileSync(file, 'x,y\n1,0\n')
    const r = runCli(['cluster', 'emit', '--shards', '2', '--out', file, '--', 'spectral', 'analyze', 'm.safetensors'])
    assert.equal(r.status, 2)
    assert.match(r.stderr, ONE_LINE)
    assert.match(r.stderr, /data\.csv: --out: expected a directory, got an existing file/)
    assert.equal(readFileSync(file, 'utf8'), 'x,y\n1,0\n')
  })
})
