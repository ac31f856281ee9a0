/**
 * The committed command/flag snapshot (command-snapshot.json) must match the built CLI: a renamed,
 * removed, added or retyped command, argument or flag (or a changed default or numeric range)
 * fails here with a readable diff until the snapshot is regenerated and the diff reviewed.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
// @ts-expect-error plain ESM script without type declarations
import {liveSnapshot, snapshotDifferences, snapshotFile} from '../../scripts/command-snapshot.mjs'

interface Snapshot {
  commands: Record<string, {args: Record<string, unknown>; flags: Record<string, {type: string; range?: string}>}>
}

test('command-snapshot.json matches the commands, args and flags of the built CLI', async () => {
  const committed = JSON.parse(readFileSync(snapshotFile as string, 'utf8')) as Snapshot
  const live = (await liveSnapshot()) as Snapshot
  const diff = snapshotDifferences(committed, live) as string[]
  assert.deepEqual(
    diff,
    [],
    `the command/flag interface changed; review the diff, then run npm run snapshot:write:\n${diff.join('\n')}`,
  )
})

test('the snapshot records every command, and a range for every numeric flag', async () => {
  const live = (await liveSnapshot()) as Snapshot
  const ids = Object.keys(live.commands)
  assert.ok(ids.length >= 20, `only ${ids.length} commands`)
  const numeric = ids.flatMap((id) =>
    Object.entries(live.commands[id].flags).filter(([, f]) => /^(integer|float)/.test(f.type)),
  )
  assert.ok(numeric.length > 0)
  for (const [name, f] of numeric) assert.ok(f.range, `--${name} has no range`)
})

test('the snapshot diff names a renamed flag as one removal and one addition', () => {
  const before = {commands: {'x:y': {args: {}, flags: {alpha: {type: 'float'}}}}}
  const after = {commands: {'x:y': {args: {}, flags: {level: {type: 'float'}}}}}
  assert.deepEqual(snapshotDifferences(before, after), [
    '- x:y --alpha {"type":"float"}',
    '+ x:y --level {"type":"float"}',
  ])
})
