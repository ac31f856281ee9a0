/**
 * Per-feature WoE bar charts of `credit bin --plots DIR` (vega-lite → SVG): one bar per bin in bin
 * order, height = WoE, colour = sign, IV ± delta SE in the title (each bar's accessible
 * aria-label carries its bin and WoE). Bin bounds are shown rounded (./short-bin-labels.ts). Files are
 * named after the feature (characters outside [A-Za-z0-9._-] replaced by "_", a numeric suffix on
 * collisions) and written atomically.
 */
import {join} from 'node:path'
import * as vega from 'vega'
import * as vegaLite from 'vega-lite'
import type {BinResult} from '../kernels/bin-features.js'
import type {BinnedFeature} from '../kernels/feature-information.js'
import {writeFileAtomic} from '../../../core/io/atomic-write.js'
import {makeOutputDir} from '../../../core/io/output-paths.js'
import {shortBinLabels} from './short-bin-labels.js'

export async function woeBarSvg(f: BinnedFeature, woeSign: string): Promise<string> {
  // axis labels with rounded bounds (distinct, never cut); the report's bin table keeps the exact labels
  const shown = shortBinLabels(f.table.map((r) => r.bin))
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `${f.feature}: IV ${f.iv.toFixed(4)} ± ${f.iv_se_delta.toFixed(4)} (delta SE)`,
      subtitle: `WoE ${woeSign}, ${f.bins} bins`,
    },
    width: Math.max(240, 48 * f.table.length),
    height: 240,
    data: {
      values: f.table.map((r, i) => ({
        order: i,
        bin: shown[i],
        woe: r.woe,
        sign: r.woe >= 0 ? 'WoE ≥ 0' : 'WoE < 0',
      })),
    },
    mark: {type: 'bar'},
    encoding: {
      x: {
        field: 'bin',
        type: 'ordinal',
        sort: {field: 'order'},
        title: 'bin',
        axis: {labelAngle: -40, labelLimit: 400},
      },
      y: {field: 'woe', type: 'quantitative', title: 'WoE'},
      color: {
        field: 'sign',
        type: 'nominal',
        scale: {domain: ['WoE < 0', 'WoE ≥ 0'], range: ['#c0392b', '#2e86c1']},
        legend: null,
      },
    },
  }
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {renderer: 'none'})
  return view.toSVG()
}

/** File names for the features, unique and safe on every file system. */
export function plotFileNames(features: readonly string[]): string[] {
  const used = new Set<string>()
  return features.map((name) => {
    const base = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'feature'
    let file = `${base}.svg`
    for (let k = 2; used.has(file.toLowerCase()); k++) file = `${base}-${k}.svg`
    used.add(file.toLowerCase())
    return file
  })
}

/** Writes one WoE chart per feature into `dir` (created if needed); returns the paths written. */
export async function writeWoePlots(dir: string, r: BinResult): Promise<string[]> {
  makeOutputDir(dir, '--plots')
  const names = plotFileNames(r.features.map((f) => f.feature))
  const paths: string[] = []
  for (const [i, f] of r.features.entries()) {
    const path = join(dir, names[i])
    writeFileAtomic(path, await woeBarSvg(f, r.woe_sign))
    paths.push(path)
  }
  return paths
}
