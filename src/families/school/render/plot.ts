/**
 * SVG time series of P, M, OSI and the seven entropies (vega-lite, rendered headless), one
 * panel for the order parameters and OSI, one for the entropies, each with its legend below it.
 */
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {metricNames, type MetricName} from '../kernels/school-metrics.js'

const orderPanel: MetricName[] = ['polarization', 'rotation', 'oceanic_schooling_index']
const entropyPanel = metricNames.filter((m) => m.endsWith('_entropy'))

export async function schoolPlotSvg(
  title: string,
  time: readonly number[],
  series: Record<MetricName, readonly number[]>,
): Promise<string> {
  const vega = await import('vega')
  const vegaLite = await import('vega-lite')
  const stride = Math.max(1, Math.ceil(time.length / 1000)) // keep the SVG small
  const rows = (names: MetricName[]) =>
    names.flatMap((m) =>
      time.flatMap((t, k) => (k % stride === 0 || k === time.length - 1 ? [{t, value: series[m][k], metric: m}] : [])),
    )
  const layer = (names: MetricName[], ytitle: string) => ({
    width: 640,
    height: 180,
    data: {values: rows(names)},
    mark: {type: 'line', strokeWidth: 1.2},
    encoding: {
      x: {field: 't', type: 'quantitative', title: 'time'},
      y: {field: 'value', type: 'quantitative', title: ytitle, scale: {domain: [0, 1]}},
      // Below the panel, two columns, labels never truncated: the headless renderer has no font
      // metrics, so a legend to the right of the panel ran past the SVG's viewBox (issue 18).
      color: {
        field: 'metric',
        type: 'nominal',
        title: null,
        legend: {orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 0, symbolType: 'stroke'},
      },
    },
  })
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    vconcat: [layer(orderPanel, 'P, M, OSI'), layer(entropyPanel, 'normalised entropy')],
    resolve: {scale: {color: 'independent'}},
  }
  const compiled = vegaLite.compile(spec as never).spec
  const view = new vega.View(vega.parse(compiled), {renderer: 'none'})
  const svg = await view.toSVG()
  view.finalize()
  return svg
}

export async function writeSchoolPlot(
  path: string,
  title: string,
  time: readonly number[],
  series: Record<MetricName, readonly number[]>,
): Promise<void> {
  writeFileAtomic(path, await schoolPlotSvg(title, time, series))
}
