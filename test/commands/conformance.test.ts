/**
 * Conformance suite over EVERY command in oclif.manifest.json, in the spirit of scikit-learn's
 * `check_estimator` (issue 2, sections 1 and 4): help and examples, one-line input errors with
 * exit 2 and nothing left behind, the --json error document, unknown flags, and for a cheap
 * valid run the report envelope (schema, tool version, argv, createdAt, input SHA-256s) and
 * a silent --quiet, and `--out -` putting the report (and nothing else) on stdout. The tables
 * below must name every command, so a new command cannot slip past: add its bad invocation
 * (and a cheap valid one, or the reason there is none).
 *
 * All runs start at once behind a small concurrency limit; each test awaits its own runs.
 */
import {after, before, test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join, resolve} from 'node:path'
import type {CliResult} from '../helpers/cli.js'
import {tempDir} from '../helpers/cli.js'
import {runCliAsync} from '../helpers/cli-async.js'
import {assertMatchesSchema} from '../helpers/schema.js'
import {startLoopbackServer, type LoopbackServer} from '../families/uq/commands/openai-loopback-server.js'

const root = new URL('../../', import.meta.url).pathname
const fixtures = join(root, 'test/fixtures')
const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {id: string; summary?: string; examples?: string[]; pluginName?: string}>
}
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}).version

/** oclif plugins' own commands are not infolens commands. */
const isPluginCommand = (id: string) => id === 'help' || id === 'autocomplete' || id.startsWith('autocomplete:')
const commandIds = Object.keys(manifest.commands)
  .filter((id) => !isPluginCommand(id))
  .sort()

/** The one place that maps a report's `schema` id to its file in schemas/. */
const schemaFiles: Record<string, string> = {
  'infolens.checkpoint/1': 'checkpoint.schema.json',
  'infolens.checkpoint-convert/1': 'checkpoint-convert.schema.json',
  'infolens.credit.bin/1': 'credit-bin.schema.json',
  'infolens.credit.counts/1': 'credit-counts.schema.json',
  'infolens.credit.fairness/1': 'credit-fairness.schema.json',
  'infolens.credit.psi/1': 'credit-psi.schema.json',
  'infolens.credit.score/1': 'credit-score.schema.json',
  'infolens.credit.scorecard/1': 'credit-scorecard.schema.json',
  'infolens.credit.sql/1': 'credit-sql.schema.json',
  'infolens.demo/1': 'demo.schema.json',
  'infolens.doctor/1': 'doctor.schema.json',
  'infolens.kappa/1': 'kappa.schema.json',
  'infolens.netcdf/1': 'netcdf.schema.json',
  'infolens.school/1': 'school.schema.json',
  'infolens.spectral/1': 'spectral.schema.json',
  'infolens.uq/1': 'uq.schema.json',
  'infolens.uq.demo/1': 'uq-demo.schema.json',
  'infolens.uq.evaluate/1': 'uq-evaluate.schema.json',
  'infolens.uq.generate/1': 'uq-generate.schema.json',
  'infolens.uq.perturb/1': 'uq-perturb.schema.json',
  'infolens.uq.tsu/1': 'uq-tsu.schema.json',
}

// ---- the workspace: fixtures made once, before any check runs --------------------------------

const dir = tempDir('infolens-conformance-')
const at = (...parts: string[]) => join(dir, ...parts)
const ck = at('ck') // demo checkpoint
const uqd = at('uqd') // demo uq
const train = at('train.csv')
const holdout = at('holdout.csv')
const bins = at('bins.json')
const card = at('card.json')
const runNc = at('run.nc')
const esdNc = at('esd.nc')
const specA = at('spectral-a.json')
const specB = at('spectral-b.json')
const questionsCsv = at('questions.csv')
const notADirectory = at('a-regular-file')
const tinyModel = join(fixtures, 'kappa/tiny-model.safetensors')
const wordnetMini = join(fixtures, 'uq/wordnet-mini')
let server: LoopbackServer | undefined

// ---- table 1: a bad invocation of every command ---------------------------------------------

interface BadInvocation {
  /** Arguments after the command id; every required argument and flag is present. */
  readonly argv: (scratch: string) => string[]
  /** What the one error line must name: the missing path, or the flag with the bad value. */
  readonly names: (scratch: string) => string
  /** Why this is not a missing input file, when it is not. */
  readonly exception?: string
}

/** A missing input file for the command's first required path argument (inside its scratch folder). */
const missingFile = (name: string, rest: (scratch: string) => string[] = () => []): BadInvocation => ({
  argv: (s) => [join(s, name), ...rest(s)],
  names: (s) => join(s, name),
})

const badInvocations: Record<string, BadInvocation> = {
  'checkpoint:convert': missingFile('missing.gguf', (s) => [join(s, 'out.safetensors')]),
  'checkpoint:inspect': missingFile('missing.safetensors'),
  'cluster:emit': {
    argv: (s) => ['--shards', '0', '--', 'spectral', 'analyze', join(s, 'missing.safetensors')],
    names: () => '--shards',
    exception: 'it writes job files for a command line given after --: the bad input is N < 1',
  },
  // The credit commands read --bins/--card first: valid ones are passed so the data path is what is missing.
  'credit:bin': missingFile('missing.csv', () => ['--target', 'y']),
  'credit:counts': missingFile('missing.csv', () => ['--bins', bins]),
  'credit:fairness': missingFile('missing.csv', () => ['--target', 'y', '--bins', bins, '--protected', 'cat==a']),
  'credit:psi': missingFile('missing.csv', () => [holdout, '--bins', bins]),
  'credit:score': missingFile('missing.csv', () => ['--card', card]),
  'credit:scorecard': missingFile('missing.csv', () => ['--target', 'y', '--bins', bins]),
  'credit:sql': {
    argv: (s) => ['--dialect', 'spark', '--table', 't', '--bins', join(s, 'missing.json')],
    names: (s) => join(s, 'missing.json'),
    exception: 'no positional input: the bins file is the input',
  },
  'demo:checkpoint': {
    argv: () => [notADirectory],
    names: () => notADirectory,
    exception: 'DIR is an output directory created when missing: the bad input is a path that is a regular file',
  },
  'demo:uq': {
    argv: () => [notADirectory],
    names: () => notADirectory,
    exception: 'DIR is an output directory created when missing: the bad input is a path that is a regular file',
  },
  doctor: {
    argv: () => ['--backend', 'abacus'],
    names: () => '--backend',
    exception: 'no inputs: an invalid flag value',
  },
  'kappa:plan': missingFile('missing.safetensors'),
  'netcdf:dump': missingFile('missing.nc'),
  'report:merge': missingFile('missing.json'),
  'report:render': missingFile('missing.json'),
  'school:analyze': missingFile('missing.nc'),
  'school:simulate': {
    argv: () => ['--agents', '0'],
    names: () => '--agents',
    exception: 'no required inputs: an invalid flag value',
  },
  'school:sweep': {
    argv: () => ['--param', 'noise'],
    names: () => '--param',
    exception: 'its required input is a flag: an invalid --param',
  },
  'spectral:analyze': missingFile('missing.safetensors'),
  'spectral:diff': missingFile('missing-a.json', () => [specB]),
  'spectral:refit': missingFile('missing.nc'),
  'uq:evaluate': missingFile('missing.jsonl'),
  'uq:generate': missingFile('missing.jsonl', (s) => [
    join(s, 'items.jsonl'),
    '--endpoint',
    'http://127.0.0.1:9/v1',
    '--model',
    'm',
  ]),
  'uq:perturb': missingFile('missing.jsonl', (s) => [join(s, 'perturbed.jsonl')]),
  'uq:score': missingFile('missing.jsonl'),
  'uq:tsu': missingFile('missing.jsonl'),
}

// ---- table 2: a cheap valid invocation of every command -------------------------------------

interface ValidInvocation {
  /** Arguments after the command id; `variant` keeps the --json and --quiet runs' own outputs apart. */
  readonly argv: (variant: string) => string[]
  /** The files the report's `inputs` must list. */
  readonly inputs: string[]
  /** The output is not an infolens report envelope (then only "one JSON document" and --quiet are checked). */
  readonly notAReport?: string
  /** What `--out -` prints when the command's --out is not the JSON report (the start of stdout). */
  readonly outIsNotTheReport?: RegExp
}

const validInvocations: Record<string, ValidInvocation> = {
  'checkpoint:convert': {
    argv: (v) => [join(ck, 'model.safetensors'), at(`converted-${v}.safetensors`)],
    inputs: [join(ck, 'model.safetensors')],
  },
  'checkpoint:inspect': {argv: () => [join(ck, 'model.safetensors')], inputs: [join(ck, 'model.safetensors')]},
  'credit:bin': {argv: () => [train, '--target', 'y'], inputs: [train]},
  'credit:counts': {
    argv: () => [train, '--bins', bins],
    inputs: [train, bins],
    outIsNotTheReport: /^feature,bin_id,bin,class,count\n/, // --out is the counts table, CSV without an extension
  },
  'credit:fairness': {
    argv: () => [train, '--target', 'y', '--bins', bins, '--protected', 'cat==a'],
    inputs: [train, bins],
  },
  'credit:psi': {argv: () => [train, holdout, '--bins', bins], inputs: [train, holdout, bins]},
  'credit:score': {argv: () => [holdout, '--card', card], inputs: [holdout, card]},
  'credit:scorecard': {argv: () => [train, '--target', 'y', '--bins', bins], inputs: [train, bins]},
  'credit:sql': {argv: () => ['--dialect', 'postgres', '--table', 'applications', '--bins', bins], inputs: [bins]},
  'demo:checkpoint': {argv: (v) => [at(`demo-checkpoint-${v}`)], inputs: []},
  'demo:uq': {argv: (v) => [at(`demo-uq-${v}`), '--items', '3'], inputs: []},
  doctor: {argv: () => [], inputs: []},
  'kappa:plan': {argv: () => [tinyModel, '--no-cache'], inputs: [tinyModel]},
  'netcdf:dump': {argv: () => [runNc], inputs: [runNc]},
  'report:render': {
    argv: () => [specA],
    inputs: [],
    notAReport: 'it renders a report: --json gives {format, text}, not an envelope',
    outIsNotTheReport: /^## infolens spectral report\n/, // --out is the Markdown rendering
  },
  'school:analyze': {argv: () => [runNc], inputs: [runNc]},
  'school:simulate': {argv: () => ['--agents', '20', '--steps', '5'], inputs: []},
  'school:sweep': {argv: () => ['--param', 'noise=0:0.5:2', '--agents', '20', '--steps', '5'], inputs: []},
  'spectral:analyze': {argv: () => [join(ck, 'model.safetensors')], inputs: [join(ck, 'model.safetensors')]},
  'spectral:diff': {argv: () => [specA, specB], inputs: [specA, specB]},
  'spectral:refit': {argv: () => [esdNc], inputs: [esdNc]},
  'uq:evaluate': {argv: () => [join(uqd, 'items.jsonl'), '--bootstrap', '5'], inputs: [join(uqd, 'items.jsonl')]},
  'uq:generate': {
    argv: (v) => [
      questionsCsv,
      at(`generated-${v}.jsonl`),
      '--endpoint',
      server!.baseUrl,
      '--model',
      'loopback-llm',
      '--perturbations',
      '1',
      '--responses',
      '2',
      '--backoff',
      '0.01',
    ],
    inputs: [questionsCsv],
  },
  'uq:perturb': {
    argv: (v) => [questionsCsv, at(`perturbed-${v}.jsonl`), '--wordnet', wordnetMini],
    inputs: [questionsCsv],
  },
  'uq:score': {argv: () => [join(uqd, 'items.jsonl')], inputs: [join(uqd, 'items.jsonl')]},
  'uq:tsu': {argv: () => [join(uqd, 'items-tsu.jsonl')], inputs: [join(uqd, 'items-tsu.jsonl')]},
}

/** Commands with no cheap valid invocation, and why. */
const noValidInvocation: Record<string, string> = {
  'cluster:emit':
    'the flags this suite appends would land after -- in the emitted command line; test/commands/cluster/emit.test.ts runs it',
  'report:merge':
    'it needs the parts of a sharded run; test/commands/report/merge.test.ts makes them and checks the schema',
}

// ---- running: every child process behind one small limit ------------------------------------

const limit = concurrencyLimit(Math.max(2, Math.min(6, availableParallelism() * 2)))
const cli = (args: string[], cwd?: string) => limit(() => runCliAsync(args, {timeoutMs: 60_000, cwd}))
const words = (id: string) => id.split(':')

function concurrencyLimit(max: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0
  const queue: (() => void)[] = []
  return async (job) => {
    if (active >= max) await new Promise<void>((r) => queue.push(r))
    active++
    try {
      return await job()
    } finally {
      active--
      queue.shift()?.()
    }
  }
}

async function mustSucceed(args: string[]): Promise<void> {
  const r = await cli(args)
  assert.equal(r.status, 0, `fixture run failed: infolens ${args.join(' ')}\n${r.stderr}`)
}

/** The fixtures the valid and bad invocations read, made by infolens itself (two dependent rounds). */
async function makeWorkspace(): Promise<void> {
  const csv = readFileSync(join(fixtures, 'credit/generated.csv'), 'utf8').trimEnd().split('\n')
  writeFileSync(train, csv.slice(0, 1001).join('\n') + '\n')
  writeFileSync(holdout, [csv[0], ...csv.slice(1001)].join('\n') + '\n')
  writeFileSync(
    questionsCsv,
    'question,reference\nWho wrote the novel Babbitt?,Sinclair Lewis\nWho discovered gravity?,Isaac Newton\n',
  )
  writeFileSync(notADirectory, 'not a directory\n')
  server = await startLoopbackServer()
  await Promise.all([
    mustSucceed(['demo', 'checkpoint', ck, '--quiet']),
    mustSucceed(['demo', 'uq', uqd, '--items', '6', '--quiet']),
    mustSucceed(['credit', 'bin', train, '--target', 'y', '--out', bins, '--quiet']),
    mustSucceed(['school', 'simulate', '--agents', '20', '--steps', '10', '--nc', runNc, '--quiet']),
  ])
  await Promise.all([
    mustSucceed(['spectral', 'analyze', join(ck, 'model.safetensors'), '--netcdf', esdNc, '--out', specA, '--quiet']),
    mustSucceed(['spectral', 'analyze', join(ck, 'model-bf16.safetensors'), '--out', specB, '--quiet']),
    mustSucceed(['credit', 'scorecard', train, '--target', 'y', '--bins', bins, '--out', card, '--quiet']),
  ])
}

interface Runs {
  help: Promise<CliResult>
  bad?: Promise<CliResult>
  badJson?: Promise<CliResult>
  unknownFlag?: Promise<CliResult>
  json?: Promise<CliResult>
  quiet?: Promise<CliResult>
  outDash?: Promise<CliResult>
}
const runs = new Map<string, Runs>()
/** Appends the suite's flags, before a `--` (what follows it is another command line: `cluster emit`). */
const withFlags = (argv: string[], flags: string[]) => {
  const dash = argv.indexOf('--')
  return dash < 0 ? [...argv, ...flags] : [...argv.slice(0, dash), ...flags, ...argv.slice(dash)]
}
const scratch = (id: string, kind: string) => at('bad', `${id.replace(/:/g, '-')}-${kind}`)
const quietOut = (id: string) => at(`quiet-${id.replace(/:/g, '-')}.json`)

let workspace: Promise<void>
before(() => {
  workspace = makeWorkspace()
  workspace.catch(() => undefined) // reported by the tests that await it
  for (const id of commandIds) {
    const r: Runs = {help: cli([...words(id), '--help'])}
    const bad = badInvocations[id]
    if (bad) {
      const badRun = (kind: string, extra: string[]) => {
        const s = scratch(id, kind)
        mkdirSync(s, {recursive: true})
        return workspace.then(() =>
          cli([...words(id), ...withFlags(bad.argv(s), ['--out', join(s, 'out.json'), ...extra])]),
        )
      }
      r.bad = badRun('plain', [])
      r.badJson = badRun('json', ['--json'])
    }
    const valid = validInvocations[id]
    // On an otherwise valid command line (or the bad one when there is none), so the flag is the only problem.
    if (valid || bad) {
      const s = scratch(id, 'flag')
      mkdirSync(s, {recursive: true})
      r.unknownFlag = workspace.then(() =>
        cli([
          ...words(id),
          ...withFlags(valid ? valid.argv('flag') : bad!.argv(s), ['--out', join(s, 'out.json'), '--no-such-flag']),
        ]),
      )
    }
    if (valid) {
      r.json = workspace.then(() => cli([...words(id), ...valid.argv('json'), '--json']))
      r.quiet = workspace.then(() => cli([...words(id), ...valid.argv('quiet'), '--quiet', '--out', quietOut(id)]))
      // in its own empty folder: a file named `-` would show there
      mkdirSync(scratch(id, 'dash'), {recursive: true})
      r.outDash = workspace.then(() => cli([...words(id), ...valid.argv('dash'), '--out', '-'], scratch(id, 'dash')))
    }
    for (const p of Object.values(r)) (p as Promise<unknown>).catch(() => undefined)
    runs.set(id, r)
  }
})
after(async () => {
  await Promise.allSettled([...runs.values()].flatMap((r) => Object.values(r)))
  await server?.close()
  rmSync(dir, {recursive: true, force: true})
})

// ---- checks -----------------------------------------------------------------------------------

test('the manifest lists the infolens commands (run npm run build)', () => {
  assert.ok(commandIds.length >= 20, `only ${commandIds.length} commands in oclif.manifest.json`)
  for (const id of ['doctor', 'checkpoint:inspect', 'school:simulate', 'uq:score'])
    assert.ok(commandIds.includes(id), id)
})

test('the tables name every command in the manifest, and nothing else', () => {
  const noBad = commandIds.filter((id) => !(id in badInvocations))
  assert.deepEqual(noBad, [], `add a bad invocation for ${noBad.join(', ')} to badInvocations`)
  const noValid = commandIds.filter((id) => !(id in validInvocations) && !(id in noValidInvocation))
  assert.deepEqual(noValid, [], `add a cheap valid invocation (or the reason there is none) for ${noValid.join(', ')}`)
  const stale = [
    ...Object.keys(badInvocations),
    ...Object.keys(validInvocations),
    ...Object.keys(noValidInvocation),
  ].filter((id) => !commandIds.includes(id))
  assert.deepEqual(stale, [], 'table entries for commands that no longer exist')
})

test('the fixtures for the valid and bad invocations are made', async () => {
  await workspace
})

/** The single stderr line of a failed run: no stack trace, no second line. */
function oneErrorLine(r: CliResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.length > 0)
  assert.equal(lines.length, 1, `expected exactly one stderr line, got:\n${r.stderr}`)
  assert.ok(lines[0].startsWith('infolens: error: '), lines[0])
  assert.doesNotMatch(r.stderr, /\n\s+at /)
  return lines[0]
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

for (const id of commandIds) {
  const name = `infolens ${words(id).join(' ')}`

  test(`${name}: --help exits 0 with a USAGE section; a summary and at least one example`, async () => {
    const r = await runs.get(id)!.help
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^USAGE$/m)
    assert.match(r.stdout, /^EXAMPLES$/m)
    const entry = manifest.commands[id]
    assert.ok((entry.summary ?? '').trim().length > 0, `${id} has no summary`)
    assert.ok((entry.examples ?? []).length >= 1, `${id} has no example`)
  })

  test(`${name}: bad input → exit 2, one error line naming it, empty stdout, nothing left behind`, async () => {
    const bad = badInvocations[id]
    assert.ok(bad, `no bad invocation for ${id} in badInvocations`)
    const r = await runs.get(id)!.bad!
    assert.equal(r.status, 2, `exit ${r.status}\n${r.stderr}`)
    const line = oneErrorLine(r)
    assert.ok(
      line.includes(bad.names(scratch(id, 'plain'))),
      `the error does not name ${bad.names(scratch(id, 'plain'))}: ${line}`,
    )
    assert.equal(r.stdout, '')
    assert.deepEqual(readdirSync(scratch(id, 'plain')), [], 'files left behind (--out or outputs)')
  })

  test(`${name}: bad input with --json → exactly one {"error": …} document on stdout, exit 2`, async () => {
    const bad = badInvocations[id]
    assert.ok(bad, `no bad invocation for ${id} in badInvocations`)
    const r = await runs.get(id)!.badJson!
    assert.equal(r.status, 2, `exit ${r.status}\n${r.stderr}`)
    const doc = JSON.parse(r.stdout) as {error?: {message?: string; exitCode?: number}}
    assert.deepEqual(Object.keys(doc), ['error'])
    assert.equal(doc.error!.exitCode, 2)
    assert.ok(doc.error!.message?.includes(bad.names(scratch(id, 'json'))), r.stdout)
    oneErrorLine(r)
    assert.deepEqual(readdirSync(scratch(id, 'json')), [], 'files left behind (--out or outputs)')
  })

  test(`${name}: an unknown flag → exit 2, one error line`, async () => {
    const run = runs.get(id)!.unknownFlag
    assert.ok(run, `no valid or bad invocation for ${id} in the tables`)
    const r = await run
    assert.equal(r.status, 2, `exit ${r.status}\n${r.stderr}`)
    assert.match(oneErrorLine(r), /--no-such-flag/)
    assert.equal(r.stdout, '')
    assert.deepEqual(readdirSync(scratch(id, 'flag')), [], 'files left behind')
  })

  if (id in noValidInvocation) continue
  test(`${name}: --json report (schema, tool, command, createdAt, input SHA-256s); --quiet prints nothing`, async () => {
    const valid = validInvocations[id]
    assert.ok(valid, `no valid invocation for ${id} in validInvocations`)
    const {json, quiet} = runs.get(id)!
    const r = await json!
    assert.equal(r.status, 0, r.stderr)
    let report: any
    assert.doesNotThrow(
      () => (report = JSON.parse(r.stdout)),
      `stdout is not one JSON document:\n${r.stdout.slice(0, 500)}`,
    )
    const q = await quiet!
    assert.equal(q.status, 0, q.stderr)
    assert.equal(q.stdout, '', '--quiet printed on stdout')
    if (valid.notAReport) return
    const file = schemaFiles[report.schema]
    assert.ok(file, `no schemas/ file mapped for schema id ${report.schema} (add it to schemaFiles)`)
    assertMatchesSchema(report, file)
    assert.equal(report.tool.name, 'infolens')
    assert.equal(report.tool.version, version)
    assert.deepEqual(report.command.slice(0, 1 + words(id).length), ['infolens', ...words(id)])
    assert.match(report.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
    assert.ok(Number.isFinite(Date.parse(report.createdAt)), report.createdAt)
    const listed = (report.inputs as {path: string; bytes: number; sha256: string}[]).map((i) => resolve(i.path)).sort()
    assert.deepEqual(listed, valid.inputs.map((p) => resolve(p)).sort())
    for (const input of report.inputs) {
      assert.equal(input.sha256, sha256(input.path), `sha256 of ${input.path}`)
      assert.equal(input.bytes, statSync(input.path).size, `bytes of ${input.path}`)
    }
    // The --quiet run's --out file is the same kind of report.
    assert.ok(existsSync(quietOut(id)), '--out file missing after --quiet')
    assertMatchesSchema(JSON.parse(readFileSync(quietOut(id), 'utf8')), file)
  })

  test(`${name}: --out - prints the report on stdout and nothing else; no file named -`, async () => {
    const valid = validInvocations[id]
    const r = await runs.get(id)!.outDash!
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(readdirSync(scratch(id, 'dash')), [], 'a file was written in the working directory')
    if (valid.outIsNotTheReport) return assert.match(r.stdout, valid.outIsNotTheReport)
    let report: any
    assert.doesNotThrow(
      () => (report = JSON.parse(r.stdout)),
      `stdout is not one JSON document:\n${r.stdout.slice(0, 500)}`,
    )
    assertMatchesSchema(report, schemaFiles[report.schema] ?? `unmapped schema ${report.schema}`)
  })
}
