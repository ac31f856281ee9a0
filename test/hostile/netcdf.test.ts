/**
 * Damaged NetCDF files (issue 18, item 6): truncated, a variable whose data begins past the end, and one
 * whose data overlaps the header (begin = 0). `spectral refit`, `school analyze` and `netcdf dump` all go
 * through the same checked reader: exit 2 with one line naming the file and the variable.
 */
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {NetCDFReader} from 'netcdfjs'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {runCli, tempDir} from '../helpers/cli.js'

const ONE_LINE = /^infolens: error: [^\n]+\n$/

/** Rewrites the `begin` of variable `name` in the header (CDF-1: 4 bytes, CDF-2: 8 bytes after vsize). */
function withBegin(bytes: Buffer, name: string, begin: number): Buffer {
  const nc = new NetCDFReader(bytes)
  const v = (nc.variables as {name: string; size: number; offset: number}[]).find((x) => x.name === name)!
  const wide = nc.header.version === 2
  const needle = Buffer.alloc(wide ? 12 : 8)
  needle.writeUInt32BE(v.size, 0)
  if (wide) needle.writeBigUInt64BE(BigInt(v.offset), 4)
  else needle.writeUInt32BE(v.offset, 4)
  const at = bytes.indexOf(needle)
  assert.ok(at > 0 && bytes.indexOf(needle, at + 1) < 0, `one (vsize, begin) of ${name} in the header`)
  const out = Buffer.from(bytes)
  if (wide) out.writeBigUInt64BE(BigInt(begin), at + 4)
  else out.writeUInt32BE(begin, at + 4)
  return out
}

/** The damaged variants of a good file, each with the variable the error must name. */
function damaged(dir: string, good: string, variable: string): [string, string, RegExp][] {
  const bytes = readFileSync(good)
  const write = (name: string, data: Buffer) => {
    const p = join(dir, name)
    writeFileSync(p, data)
    return p
  }
  return [
    [
      'truncated in the data',
      write('truncated.nc', bytes.subarray(0, bytes.length - 9)),
      /truncated\.nc: \w+: file is truncated/,
    ],
    ['truncated in the header', write('header-cut.nc', bytes.subarray(0, 40)), /header-cut\.nc: .*header is truncated/],
    [
      'a variable beginning past the end',
      write('past-end.nc', withBegin(bytes, variable, bytes.length + 4096)),
      new RegExp(`past-end\\.nc: ${variable}: data begins at byte \\d+, past the end`),
    ],
    [
      'a variable overlapping the header (begin = 0)',
      write('begin-zero.nc', withBegin(bytes, variable, 0)),
      new RegExp(`begin-zero\\.nc: ${variable}: data overlaps the header: begins at byte 0`),
    ],
    [
      'a variable beginning inside the header',
      write('begin-inside.nc', withBegin(bytes, variable, 8)),
      new RegExp(`begin-inside\\.nc: ${variable}: data overlaps the header`),
    ],
  ]
}

function expectRefused(args: string[], pattern: RegExp): void {
  const r = runCli(args)
  assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`)
  assert.match(r.stderr, ONE_LINE)
  assert.match(r.stderr, pattern)
}

describe('spectral refit on a damaged eigenvalue file', () => {
  const dir = tempDir()
  const model = join(dir, 'm.safetensors')
  const w = Float32Array.from(
    {length: 40 * 30},
    (_, k) => Math.sin(k * 12.9898) * 43758.5453 - Math.floor(Math.sin(k * 12.9898) * 43758.5453) - 0.5,
  )
  writeSafetensors(model, [{name: 'fc.weight', dtype: 'F32', shape: [40, 30], data: w}])
  const good = join(dir, 'esd.nc')
  assert.equal(runCli(['spectral', 'analyze', model, '--no-cache', '--netcdf', good, '--quiet']).status, 0)
  assert.equal(runCli(['spectral', 'refit', good, '--quiet']).status, 0, 'the undamaged file refits')
  for (const [label, file, pattern] of damaged(dir, good, 'eigenvalue')) {
    it(`${label}: refit and dump say which file and variable`, () => {
      expectRefused(['spectral', 'refit', file], pattern)
      expectRefused(['netcdf', 'dump', file], pattern)
    })
  }
})

describe('school analyze on a damaged trajectory', () => {
  const dir = tempDir()
  const good = join(dir, 'run.nc')
  const sim = runCli(['school', 'simulate', '--agents', '8', '--steps', '4', '--nc', good, '--quiet'])
  assert.equal(sim.status, 0, sim.stderr)
  const variable = (new NetCDFReader(readFileSync(good)).variables as {name: string; record: boolean}[]).find(
    (v) => !v.record,
  )!.name
  for (const [label, file, pattern] of damaged(dir, good, variable)) {
    it(`${label}: analyze says which file and variable`, () => expectRefused(['school', 'analyze', file], pattern))
  }
})
