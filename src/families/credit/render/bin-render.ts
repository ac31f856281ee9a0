/** Terminal rendering of `credit bin`: a feature summary sorted by IV, then each bin table. */
import type {BinResult} from '../kernels/bin-features.js'
import {formatNumber, renderTable, style} from '../../../core/terminal/terminal.js'

export function renderBinResult(r: BinResult, showTables: boolean): string {
  const head = `${style.bold('target')} ${r.target} (bad = ${r.bad_label}): ${r.rows} rows, ${r.bads} bad, ${r.goods} good; method ${r.method}, WoE ${r.woe_sign}`
  const sorted = [...r.features].sort((a, b) => b.iv - a.iv)
  const summary = renderTable(
    ['feature', 'bins', 'IV', 'IV bc', 'SE delta', 'SE ncχ²', 'χ²', 'df', 'p', 'strength'],
    sorted.map((f) => [
      f.feature,
      f.bins,
      f.iv,
      f.iv_bias_corrected,
      f.iv_se_delta,
      f.iv_se_ncchi2,
      f.chi2_stat,
      f.chi2_df,
      formatNumber(f.chi2_p, 3),
      f.strength,
    ]),
  )
  if (!showTables) return `${head}\n${summary}`
  const tables = sorted.map(
    (f) =>
      `${style.bold(f.feature)} (IV ${formatNumber(f.iv)})\n` +
      renderTable(
        ['bin', 'count', 'share', 'goods', 'bads', 'bad rate', 'WoE', 'IV', 'JS'],
        f.table.map((b) => [b.bin, b.count, b.count_share, b.goods, b.bads, b.bad_rate, b.woe, b.iv, b.js]),
      ),
  )
  return [head, summary, ...tables].join('\n')
}
