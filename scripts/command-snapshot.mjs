#!/usr/bin/env node
// The command/flag snapshot (issue 11; sf's `snapshot:compare`, done without the plugin, whose
// releases for @oclif/core 4 record flag names only): every command id with its args and flags
// (type, char, required, multiple, allowNo, options, default, and for numeric flags the range),
// read from oclif.manifest.json and, for the ranges, from the built command classes in dist/.
// `npm test` compares it with the committed command-snapshot.json (test/commands/command-snapshot.test.ts),
// so a renamed, removed or retyped flag shows up as a reviewed diff.
//   node scripts/command-snapshot.mjs --write   rewrite command-snapshot.json (after npm run build)
//   node scripts/command-snapshot.mjs           print the differences, exit 1 if any
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const root = new URL('..', import.meta.url).pathname
export const snapshotFile = join(root, 'command-snapshot.json')

const isPluginCommand = (id) => id === 'help' || id === 'autocomplete' || id.startsWith('autocomplete:')
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false))

/** The snapshot of the built CLI: oclif.manifest.json plus the numeric ranges of dist/commands. */
export async function liveSnapshot() {
  const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))
  const numeric = await import(pathToFileURL(join(root, 'dist/core/cli/numeric-flags.js')).href)
  const commands = {}
  for (const id of Object.keys(manifest.commands)
    .filter((x) => !isPluginCommand(x))
    .sort()) {
    const entry = manifest.commands[id]
    const cls = (await import(pathToFileURL(join(root, 'dist/commands', ...id.split(':')) + '.js').href)).default
    const classFlags = {...cls.baseFlags, ...cls.flags}
    const flags = {}
    for (const name of Object.keys(entry.flags).sort()) {
      const f = entry.flags[name]
      const spec = numeric.numericSpecOf(classFlags[name])
      flags[name] = defined({
        type: spec ? `${spec.kind}${spec.list ? '-list' : ''}` : f.type,
        char: f.char,
        required: f.required,
        multiple: f.multiple,
        allowNo: f.allowNo,
        options: f.options,
        range: spec ? numeric.describeNumericSpec(spec) : undefined,
        default:
          spec && classFlags[name].default !== undefined
            ? numeric.formatNumericValue(classFlags[name].default)
            : f.default,
      })
    }
    const args = Object.fromEntries(
      Object.entries(entry.args ?? {}).map(([name, a]) => [
        name,
        defined({required: a.required, options: a.options, default: a.default}),
      ]),
    )
    commands[id] = {args, flags}
  }
  return {commands}
}

/** JSON with one line per argument and per flag, so a review diff shows one line per change. */
export function formatSnapshot(snapshot) {
  const block = (o, indent) =>
    Object.entries(o)
      .map(([k, v]) => `${indent}${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n')
  const object = (o, indent) => (Object.keys(o).length === 0 ? '{}' : `{\n${block(o, `${indent}  `)}\n${indent}}`)
  const commands = Object.entries(snapshot.commands).map(
    ([id, c]) =>
      `    ${JSON.stringify(id)}: {\n      "args": ${object(c.args, '      ')},\n      "flags": ${object(c.flags, '      ')}\n    }`,
  )
  return `{\n  "commands": {\n${commands.join(',\n')}\n  }\n}\n`
}

/** One readable line per difference: `- id --flag {...}` / `+ id --flag {...}`, commands and args alike. */
export function snapshotDifferences(committed, live) {
  const lines = (s) => {
    const out = new Map()
    for (const [id, c] of Object.entries(s.commands ?? {})) {
      out.set(`${id}`, 'command')
      for (const [n, a] of Object.entries(c.args ?? {})) out.set(`${id} <${n}>`, JSON.stringify(a))
      for (const [n, f] of Object.entries(c.flags ?? {})) out.set(`${id} --${n}`, JSON.stringify(f))
    }
    return out
  }
  const [a, b] = [lines(committed), lines(live)]
  const diff = []
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(key) === b.get(key)) continue
    if (a.has(key)) diff.push(`- ${key} ${a.get(key)}`)
    if (b.has(key)) diff.push(`+ ${key} ${b.get(key)}`)
  }
  return diff
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const live = await liveSnapshot()
  if (process.argv.includes('--write')) {
    writeFileSync(snapshotFile, formatSnapshot(live))
    console.log(`wrote ${snapshotFile} (${Object.keys(live.commands).length} commands)`)
  } else {
    const diff = snapshotDifferences(JSON.parse(readFileSync(snapshotFile, 'utf8')), live)
    if (diff.length > 0) {
      console.log(diff.join('\n'))
      process.exit(1)
    }
    console.log('command-snapshot.json matches the built commands')
  }
}
