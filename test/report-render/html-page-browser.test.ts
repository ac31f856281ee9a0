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
import {formatNumber} from '../../src/core/terminal/terminal.js'
import {runCli, tempDir} from '../helpers/cli.js'
import {buildDemoReports, HOSTILE_FEATURE, HOSTILE_LAYER} from '../helpers/demo-reports.js'
import {HeadlessChromium, isChromiumInstalled} from '../helpers/headless-chromium.js'

interface ShownTable {
  readonly head: string[]
  readonly rows: string[][]
}

type Json = Record<string, any>

/**
 * A number shown on the page is its JSON value as the page formats it (formatNumber), and, read
 * back, lies within half a unit of its last shown digit of the JSON value; a missing one is "-".
 */
function assertShown(text: string | undefined, value: number | null | undefined, label: string): void {
  if (value === null || value === undefined) {
    assert.equal(text, '-', label)
    return
  }
  assert.equal(text, formatNumber(value), label)
  const digits = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text ?? '')
  if (!digits) return // NaN, inf: equal text is all there is
  const unit = 10 ** (Number(digits[2] ?? 0) - (digits[1]?.length ?? 0))
  assert.ok(
    Math.abs(Number(text) - value) <= (unit / 2) * (1 + 1e-9) + Math.abs(value) * 1e-15,
    `${label}: ${text} ≠ ${value}`,
  )
}

/** The cell texts of a table's column, by row key (the text of column `keyColumn`). */
function columnOf(table: ShownTable, keyColumn: string, column: string): Map<string, string> {
  const k = table.head.indexOf(keyColumn)
  const c = table.head.indexOf(column)
  assert.ok(k >= 0 && c >= 0, `columns ${keyColumn}, ${column} in ${table.head.join(', ')}`)
  return new Map(table.rows.map((cells) => [cells[k], cells[c]]))
}

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
    'psi',
    'scorecard',
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

    /** The first table of a report's section (`key` as in `order`) whose header has `columns`. */
    const tableIn = async (key: string, columns: string[], selector = 'table'): Promise<ShownTable> => {
      const table = await $<ShownTable | null>(`(() => {
        const section = document.querySelectorAll('section.report')[${order.indexOf(key)}]
        const heads = (t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim())
        const t = [...section.querySelectorAll(${JSON.stringify(selector)})].find((t) => ${JSON.stringify(columns)}.every((c) => heads(t).includes(c)))
        return t ? {head: heads(t), rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent))} : null
      })()`)
      assert.ok(table, `${key}: a table with ${columns.join(', ')}`)
      return table
    }
    const reportOf = (key: string): Json => JSON.parse(readFileSync(paths[key], 'utf8')).result

    await t.test("kappa: the κ of the selected tensors are the JSON report's", async () => {
      const selected = (reportOf('kappa').tensors as Json[]).filter((x) => x.selected === true)
      assert.ok(selected.length > 0)
      const plan = await tableIn('kappa', ['tensor', 'kappa', 'kappa_mp'])
      assert.equal(plan.rows.length, selected.length)
      const ranking = await tableIn('kappa', ['tensor', 'kappa', 'plan'], 'table.kappa-ranking')
      for (const [name, table] of [
        ['plan', plan],
        ['ranking', ranking],
      ] as const) {
        const kappa = columnOf(table, 'tensor', 'kappa')
        const kappaMp = columnOf(table, 'tensor', 'kappa_mp')
        for (const x of selected) {
          assertShown(kappa.get(x.name), x.kappa, `${name} κ ${x.name}`)
          assertShown(kappaMp.get(x.name), x.kappa_mp, `${name} κ_MP ${x.name}`)
        }
      }
      const plans = columnOf(ranking, 'tensor', 'plan')
      assert.equal([...plans.values()].filter((v) => v === 'selected').length, selected.length)
    })

    await t.test("credit: IV, PSI and scorecard points are the JSON report's", async () => {
      const bin = reportOf('credit').features as Json[]
      const ivTable = await tableIn('credit', ['feature', 'iv', 'iv_se', 'strength'])
      assert.equal(ivTable.rows.length, bin.length)
      const iv = columnOf(ivTable, 'feature', 'iv')
      const ivSe = columnOf(ivTable, 'feature', 'iv_se')
      assert.ok(iv.has(HOSTILE_FEATURE))
      for (const f of bin) {
        assertShown(iv.get(f.feature), f.iv, `IV ${f.feature}`)
        assertShown(ivSe.get(f.feature), f.iv_se_delta, `IV SE ${f.feature}`)
      }

      const psi = reportOf('psi').features as Json[]
      const psiTable = await tableIn('psi', ['feature', 'psi', 'critical_psi', 'drift'])
      assert.equal(psiTable.rows.length, psi.length)
      const shownPsi = columnOf(psiTable, 'feature', 'psi')
      const critical = columnOf(psiTable, 'feature', 'critical_psi')
      const drift = columnOf(psiTable, 'feature', 'drift')
      for (const f of psi) {
        assertShown(shownPsi.get(f.feature), f.psi, `PSI ${f.feature}`)
        assertShown(critical.get(f.feature), f.critical_psi, `critical PSI ${f.feature}`)
        assert.equal(drift.get(f.feature), f.drift ? 'yes' : 'no', `drift ${f.feature}`)
      }

      const card = reportOf('scorecard').features as Json[]
      const points = await tableIn('scorecard', ['feature', 'bin', 'points'], 'table.scorecard-points')
      const expected = card.flatMap((f) => [
        ...(f.points as number[]).map((p, i) => [f.feature, f.binning.labels[i], p] as const),
        [f.feature, '(unmatched value)', f.unmatched_points] as const,
      ])
      assert.equal(points.rows.length, expected.length)
      assert.ok(
        points.rows.some((cells) => cells[0] === HOSTILE_FEATURE),
        'the hostile feature is shown as text in the points table',
      )
      for (const [feature, bin, value] of expected) {
        const row = points.rows.find((cells) => cells[0] === feature && cells[1] === bin)
        assert.ok(row, `points row ${feature} / ${bin}`)
        assertShown(row[2], value, `points ${feature} / ${bin}`)
      }
    })

    await t.test("school: the final P and OSI and the sweep means are the JSON report's", async () => {
      const summary = reportOf('school').summary as Json
      const final = columnOf(await tableIn('school', ['metric', 'final']), 'metric', 'final')
      for (const metric of ['polarization', 'oceanic_schooling_index']) assert.ok(final.has(metric), metric)
      for (const [metric, stats] of Object.entries(summary))
        if (final.has(metric)) assertShown(final.get(metric), stats.final, `final ${metric}`)

      const sweep = reportOf('sweep')
      const metrics = Object.keys(sweep.rows[0].mean)
      const table = await tableIn('sweep', [sweep.parameter, 'runs', ...metrics])
      assert.equal(table.rows.length, sweep.rows.length)
      for (const metric of metrics) {
        const shown = columnOf(table, sweep.parameter, metric)
        for (const row of sweep.rows as Json[])
          assertShown(shown.get(formatNumber(row.value)), row.mean[metric], `${metric} at ${row.value}`)
      }
    })

    await t.test("uq: the measure means and the AUROC/PRR are the JSON report's", async () => {
      const score = reportOf('uq')
      const means = await tableIn('uq', ['measure', 'n', 'mean'])
      const n = columnOf(means, 'measure', 'n')
      const mean = columnOf(means, 'measure', 'mean')
      for (const measure of score.measures as string[]) {
        const values = (score.rows as Json[])
          .map((row) => row[measure])
          .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
        assertShown(n.get(measure), values.length, `n ${measure}`)
        assertShown(
          mean.get(measure),
          values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
          `mean ${measure}`,
        )
      }

      const evaluate = reportOf('uqEvaluate').measures as Json[]
      const metrics = await tableIn('uqEvaluate', ['measure', 'AUROC', 'PRR'])
      assert.equal(metrics.rows.length, evaluate.length)
      const columns = ['AUROC', 'AUROC sd', 'PRR', 'PRR sd'].map((c) => columnOf(metrics, 'measure', c))
      for (const m of evaluate) {
        const values = [
          m.auroc,
          m.bootstrap?.auroc?.std ?? m.bootstrap?.auroc?.sd,
          m.prr,
          m.bootstrap?.prr?.std ?? m.bootstrap?.prr?.sd,
        ]
        values.forEach((v, i) =>
          assertShown(columns[i].get(m.measure), v, `${['AUROC', 'AUROC sd', 'PRR', 'PRR sd'][i]} ${m.measure}`),
        )
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
