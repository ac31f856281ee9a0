/**
 * A new user finds what to install in the README (issue 18: the Node version, the C toolchain and the apt
 * packages were only in `.ci/run`): its Development section names every package `.ci/run` installs, the
 * Node version of package.json's "engines", and the toolchain node-gyp needs.
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, it} from 'node:test'

const root = new URL('../../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const development = readme.slice(readme.indexOf('## Development'), readme.indexOf('## Command reference'))
const ci = readFileSync(new URL('.ci/run', root), 'utf8')

describe('README Development section', () => {
  it('exists', () => assert.ok(development.length > 200, 'no "## Development" section before the command reference'))

  it('names every apt package .ci/run installs, in an apt-get line', () => {
    const list = /apt_packages=\(([^)]*)\)/.exec(ci)
    assert.ok(list, 'apt_packages=(…) not found in .ci/run')
    const packages = list[1].trim().split(/\s+/)
    assert.ok(packages.length >= 10, packages.join(' '))
    const installLines = development
      .split('\n')
      .filter((_, i, lines) => /apt-get install/.test(lines[i]) || /apt-get install.*\\$/.test(lines[i - 1] ?? ''))
      .join(' ')
    for (const p of packages) assert.match(installLines, new RegExp(`(^|\\s)${p.replace(/[.+]/g, '\\$&')}(\\s|$)`), p)
  })

  it('states the Node version of package.json "engines" and the C toolchain', () => {
    const engines = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines.node as string
    const version = /\d+\.\d+/.exec(engines)![0]
    assert.match(development, new RegExp(`v${version.replace('.', '\\.')} or later`))
    assert.match(development, /apt-get install make g\+\+ python3/)
  })
})
