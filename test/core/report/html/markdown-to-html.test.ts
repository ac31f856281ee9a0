import {test} from 'node:test'
import assert from 'node:assert/strict'
import {markdownToHtml, splitTableRow} from '../../../../src/core/report/html/markdown-to-html.js'
import {markdownKeyValues, markdownTable} from '../../../../src/core/report/render/markdown.js'

test('table rows split on unescaped pipes only', () => {
  assert.deepEqual(splitTableRow('| a \\| b | c\\\\ | 1.5 |'), ['a | b', 'c\\', '1.5'])
})

test('the Markdown of the section renderers becomes escaped HTML', () => {
  const md = [
    '#### Layers <i>',
    markdownTable(
      ['layer', 'alpha'],
      [
        ['<script>alert(1)</script>', 2.5],
        ['a|b', null],
      ],
    ),
    markdownKeyValues([['<k>', '`v`']]),
    '- one **bold** `code`\n- <two>',
    '**Inputs**',
    'Gate: **failed**, <x>',
  ].join('\n\n')
  const html = markdownToHtml(md)
  assert.doesNotMatch(html, /<script>|<i>|<two>|<x>|<k>/)
  assert.match(html, /<h4>Layers &lt;i&gt;<\/h4>/)
  assert.match(html, /<table class="sortable">/)
  assert.match(html, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><td>2\.5000<\/td>/)
  assert.match(html, /<td>a\|b<\/td>/)
  assert.match(html, /<table class="kv"><tbody><tr><th scope="row">&lt;k&gt;<\/th><td>`v`<\/td>/)
  assert.match(html, /<li>one <strong>bold<\/strong> <code>code<\/code><\/li><li>&lt;two&gt;<\/li>/)
  assert.match(html, /<h5>Inputs<\/h5>/)
  assert.match(html, /<p>Gate: <strong>failed<\/strong>, &lt;x&gt;<\/p>/)
})
