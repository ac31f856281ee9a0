/**
 * Charts of the HTML report page, pre-rendered: a vega-lite spec compiled to vega and drawn to an
 * SVG string in Node (no browser, no runtime on the page). Vega writes text content and attribute
 * values escaped, so data strings (layer or feature names on an axis) stay text.
 */
import * as vega from 'vega'
import * as vegaLite from 'vega-lite'
import {escapeHtml} from './escape-html.js'

export async function renderVegaLiteSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {renderer: 'none'})
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/** An inline chart with a caption (the SVG is vega's output, the caption is escaped). */
export function chartFigure(svg: string, caption: string): string {
  return `<figure class="chart">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`
}
