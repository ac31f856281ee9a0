import {test} from 'node:test'
import assert from 'node:assert/strict'
import {anchorId, escapeHtml, jsonForScript} from '../../../../src/core/report/html/escape-html.js'

test('escapeHtml escapes the five characters that can start markup or end an attribute', () => {
  assert.equal(
    escapeHtml(`<img src=x onerror="alert('1')">&`),
    '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
  )
  assert.equal(escapeHtml('plain α text'), 'plain α text')
  assert.equal(escapeHtml(''), '')
})

test('jsonForScript cannot close its script element and parses back to the same value', () => {
  const value = {name: '</script><script>alert(1)</script>', amp: 'a&b', ls: 'x\u2028y', n: 1.5}
  const json = jsonForScript(value)
  assert.doesNotMatch(json, /<|>|&/)
  assert.deepEqual(JSON.parse(json), value)
})

test('anchorId keeps ids to safe characters', () => {
  assert.equal(anchorId('spectral diff'), 'spectral-diff')
  assert.equal(anchorId('"><script>'), 'script')
  assert.equal(anchorId('<>'), 'section')
})
