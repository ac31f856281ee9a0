/**
 * The HTML page of `report render --format html` in a real browser: Debian's headless Chromium
 * opens one page holding a report of every family from a file:// URL, and the test checks that
 * no console error occurs, every chart rendered, the numbers equal the JSON report's, a header
 * click sorts, the status filter hides rows, a layer click draws its ESD, and injected names stay
 * text. Screenshots go to a temp dir (printed as a test diagnostic). Skips only without Chromium.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {runCli, tempDir} from '../helpers/cli.js'
import {buildDemoReports, HOSTILE_FEATURE, HOSTILE_LAYER} from '../helpers/demo-reports.js'
import {HeadlessChromium, isChromiumInstalled} from '../helpers/headless-chromium.js'

test('the HTML report page works in headless Chromium', {timeout: 600_000}, async (t) => {
  if (!isChromiumInstalled()) {
    t.skip('Chromium is not installed at /usr/bin/chromium (CI installs it through .ci/run)')
    return
  }
  const {dir, paths} = buildDemoReports()
  const page = join(dir, 'report.html')
  const order = [
    'spectral',
    'hostile',
    'kappa',
    'credit',
    'school',
    'sweep',
    'uq',
    'uqEvaluate',
    'checkpoint',
    'doctor',
  ]
  const r = runCli(['report', 'render', ...order.map((k) => paths[k]), '--format', 'html', '--out', page])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '', 'with --out the page is not printed')
  t.diagnostic(`page: ${page} (${statSync(page).size} bytes)`)

  const shots = tempDir('infolens-html-screenshots-')
  const browser = HeadlessChromium.launch()
  try {
    const s = await browser.openPage(pathToFileURL(page).href)
    const $ = <T>(expression: string) => browser.evaluate<T>(s, expression)

    await t.test('one section per report, with a table of contents', async () => {
      assert.equal(await $('document.querySelectorAll("section.report").length'), order.length)
      assert.equal(await $('document.querySelectorAll("nav.toc li a").length'), order.length)
    })

    await t.test('every chart rendered (inline SVG with marks)', async () => {
      const charts = await $<{n: number; empty: number}>(`(() => {
        const svgs = [...document.querySelectorAll('figure.chart svg')]
        return {n: svgs.length, empty: svgs.filter((g) => g.getBBox().width === 0 || g.querySelectorAll('path, rect, line, circle').length === 0).length}
      })()`)
      assert.ok(charts.n >= 8, `${charts.n} charts`)
      assert.equal(charts.empty, 0)
    })

    await t.test('injected names render as text, and nothing they carry runs', async () => {
      assert.equal(await $('document.querySelectorAll("img").length'), 0)
      const cells = await $<string[]>('[...document.querySelectorAll("td")].map((td) => td.textContent)')
      assert.ok(cells.includes(HOSTILE_LAYER), 'the hostile layer name is shown as text')
      assert.ok(cells.includes(HOSTILE_FEATURE), 'the hostile feature name is shown as text')
      assert.equal(
        await $('document.querySelectorAll("script").length'),
        await $('document.querySelectorAll("script:not([src])").length'),
      )
    })

    await t.test("the numbers shown are the JSON report's", async () => {
      const report = JSON.parse(readFileSync(paths.spectral, 'utf8'))
      const shown = await $<
        {name: string; alpha: string}[]
      >(`[...document.querySelectorAll('section.report')[0].querySelectorAll('table.layers tbody tr')]
        .map((tr) => ({name: tr.cells[0].textContent, alpha: tr.cells[3].getAttribute('data-value')}))`)
      assert.equal(shown.length, report.result.layers.length)
      for (const layer of report.result.layers) {
        const row = shown.find((x) => x.name === layer.name)
        assert.ok(row, layer.name)
        assert.equal(Number(row.alpha), layer.alpha, layer.name)
      }
    })

    await t.test('a click on a column header sorts the rows', async () => {
      const alphas = () =>
        $<number[]>(`[...document.querySelectorAll('section.report')[0].querySelectorAll('table.layers tbody tr')]
          .map((tr) => Number(tr.cells[3].getAttribute('data-value')))`)
      const before = await alphas()
      const ascending = [...before].sort((a, b) => a - b)
      assert.notDeepEqual(before, ascending, 'the report order is not already sorted by alpha')
      await browser.click(s, 'section.report table.layers thead th:nth-child(4) button')
      assert.deepEqual(await alphas(), ascending)
      await browser.click(s, 'section.report table.layers thead th:nth-child(4) button')
      assert.deepEqual(await alphas(), [...ascending].reverse())
    })

    await t.test('the status filter shows only the layers of that status', async () => {
      const visible = await $<{all: number; shown: string[]; wanted: string}>(`(() => {
        const section = document.querySelectorAll('section.report')[0]
        const select = section.querySelector('select.status-filter')
        const wanted = select.options[1].value
        select.value = wanted
        select.dispatchEvent(new Event('change'))
        const rows = [...section.querySelectorAll('table.layers tbody tr')]
        return {all: rows.length, wanted, shown: rows.filter((tr) => getComputedStyle(tr).display !== 'none').map((tr) => tr.getAttribute('data-status'))}
      })()`)
      assert.ok(visible.shown.length > 0 && visible.shown.length < visible.all, JSON.stringify(visible))
      assert.ok(visible.shown.every((st) => st === visible.wanted))
      await $(
        `(() => { const sel = document.querySelector('select.status-filter'); sel.value = ''; sel.dispatchEvent(new Event('change')) })()`,
      )
    })

    await t.test('a click on a layer draws its ESD with the power-law fit', async () => {
      await browser.click(
        s,
        'section.report table.layers tbody tr[data-status="ok"], section.report table.layers tbody tr',
      )
      const esd = await $<{bins: number; fit: number; title: string; selected: string}>(`(() => {
        const section = document.querySelectorAll('section.report')[0]
        const svg = section.querySelector('.esd-panel svg')
        return {bins: svg ? svg.querySelectorAll('rect.esd-bin').length : 0, fit: svg ? svg.querySelectorAll('polyline.esd-fit').length : 0,
          title: svg ? svg.querySelector('text').textContent : '', selected: section.querySelector('tr.selected').cells[0].textContent}
      })()`)
      assert.ok(esd.bins > 3, `${esd.bins} histogram bars`)
      assert.ok(esd.title.startsWith(esd.selected), esd.title)
      writeFileSync(join(shots, 'spectral-esd.png'), await browser.screenshot(s, 'section.report .esd-panel'))
      writeFileSync(join(shots, 'spectral-layers.png'), await browser.screenshot(s, 'section.report .spectral-layers'))
    })

    await t.test('a click on the hostile layer draws its name as text', async () => {
      await $(`document.querySelectorAll('section.report')[1].scrollIntoView()`)
      await browser.click(s, 'section.report:nth-of-type(2) table.layers tbody tr[data-row]')
      const title =
        await $<string>(`(() => { const rows = [...document.querySelectorAll('section.report')[1].querySelectorAll('table.layers tbody tr')]
        const row = rows.find((tr) => tr.cells[0].textContent === ${JSON.stringify(HOSTILE_LAYER)}); row.click()
        return document.querySelectorAll('section.report')[1].querySelector('.esd-panel svg text').textContent })()`)
      assert.ok(title.startsWith(HOSTILE_LAYER), title)
      assert.equal(await $('document.querySelectorAll("img").length'), 0)
    })

    await t.test('no console errors, exceptions or dialogs', async () => {
      await $('scrollTo(0, 0)')
      writeFileSync(join(shots, 'report-top.png'), await browser.screenshot(s, 'main > section.report'))
      t.diagnostic(`screenshots: ${shots}`)
      assert.deepEqual(browser.errors(), [])
    })
    await t.test('with JavaScript off, every table is still there and readable', async () => {
      const countRows = 'document.querySelectorAll("table tbody tr").length'
      const withScript = await $<number>(countRows)
      const off = await browser.openPage(pathToFileURL(page).href, {javascript: false})
      assert.equal(await browser.evaluate(off, countRows), withScript)
      const hidden = await browser.evaluate(
        off,
        '[...document.querySelectorAll("tbody tr")].filter((tr) => getComputedStyle(tr).display === "none").length',
      )
      assert.equal(hidden, 0)
      writeFileSync(join(shots, 'no-javascript.png'), await browser.screenshot(off, 'main > section.report'))
      assert.deepEqual(browser.errors(), [])
    })
  } finally {
    await browser.close()
    rmSync(dir, {recursive: true, force: true})
  }
})
