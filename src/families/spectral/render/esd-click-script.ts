/**
 * The inline script of the spectral HTML section: a click (or Enter) on a layer row draws that
 * layer's ESD into the section's `.esd-panel` as an SVG: the log-log density histogram, the
 * fitted power law p(λ) = tail·(α−1)/xmin·(λ/xmin)^−α from xmin to λ_max, and xmin as a dashed
 * line. The data is the section's `script.esd-data` JSON (esd-page-data.ts); all text is set
 * with textContent, never as markup.
 */
export const esdClickScript = `
(function () {
  'use strict'
  var NS = 'http://www.w3.org/2000/svg'
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name)
    for (var k in attrs) e.setAttribute(k, attrs[k])
    if (parent) parent.appendChild(e)
    return e
  }
  function text(parent, x, y, s, anchor) {
    var t = el('text', {x: x, y: y, 'font-size': 11, 'text-anchor': anchor || 'start'}, parent)
    t.textContent = s
    return t
  }
  function fitPoints(layer) {
    if (layer.alpha === null || layer.xmin === null || layer.lambdaMax === null || layer.lambdaMax <= layer.xmin) return []
    var f = layer.tail === null ? 1 : layer.tail, pts = []
    for (var i = 0; i < 40; i++) {
      var x = layer.xmin * Math.pow(layer.lambdaMax / layer.xmin, i / 39)
      pts.push([x, f * ((layer.alpha - 1) / layer.xmin) * Math.pow(x / layer.xmin, -layer.alpha)])
    }
    return pts
  }
  function draw(panel, layer) {
    panel.textContent = ''
    var W = 520, H = 290, L = 56, R = 12, T = 40, B = 36
    var bins = layer.bins || [], fit = fitPoints(layer)
    var xs = [], ys = []
    bins.forEach(function (b) { xs.push(b[0], b[1]); ys.push(b[2]) })
    fit.forEach(function (p) { xs.push(p[0]); ys.push(p[1]) })
    xs = xs.filter(function (v) { return v > 0 }); ys = ys.filter(function (v) { return v > 0 })
    var svg = el('svg', {width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'esd'}, panel)
    var title = layer.name + (layer.alpha === null ? ': no power-law fit' : ': α = ' + layer.alpha.toFixed(3) + ', xmin = ' + (layer.xmin === null ? '-' : layer.xmin.toPrecision(4)))
    text(svg, 4, 14, title)
    if (xs.length === 0 || ys.length === 0) { text(svg, L, H / 2, 'no eigenvalues or fit to draw'); return }
    var lx0 = Math.log10(Math.min.apply(null, xs)), lx1 = Math.log10(Math.max.apply(null, xs))
    var ly0 = Math.log10(Math.min.apply(null, ys)), ly1 = Math.log10(Math.max.apply(null, ys))
    if (lx1 - lx0 < 1e-9) { lx0 -= 0.5; lx1 += 0.5 }
    if (ly1 - ly0 < 1e-9) { ly0 -= 0.5; ly1 += 0.5 }
    function sx(v) { return L + (Math.log10(v) - lx0) / (lx1 - lx0) * (W - L - R) }
    function sy(v) { return H - B - (Math.log10(v) - ly0) / (ly1 - ly0) * (H - T - B) }
    el('line', {x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#555'}, svg)
    el('line', {x1: L, y1: T, x2: L, y2: H - B, stroke: '#555'}, svg)
    for (var e = Math.ceil(lx0); e <= Math.floor(lx1); e++) text(svg, sx(Math.pow(10, e)), H - B + 14, '1e' + e, 'middle')
    for (var f = Math.ceil(ly0); f <= Math.floor(ly1); f++) text(svg, L - 4, sy(Math.pow(10, f)) + 4, '1e' + f, 'end')
    text(svg, (L + W - R) / 2, H - 4, 'eigenvalue λ (log)', 'middle')
    text(svg, 4, T - 10, 'density (log)')
    bins.forEach(function (b) {
      if (b[2] <= 0) return
      el('rect', {x: sx(b[0]), y: sy(b[2]), width: Math.max(1, sx(b[1]) - sx(b[0])), height: Math.max(0, H - B - sy(b[2])), fill: '#4c78a8', 'fill-opacity': 0.6, class: 'esd-bin'}, svg)
    })
    if (fit.length > 0) {
      el('polyline', {points: fit.map(function (p) { return sx(p[0]) + ',' + sy(p[1]) }).join(' '), fill: 'none', stroke: '#e45756', 'stroke-width': 2, class: 'esd-fit'}, svg)
      el('line', {x1: sx(layer.xmin), x2: sx(layer.xmin), y1: T, y2: H - B, stroke: '#e45756', 'stroke-dasharray': '4 3'}, svg)
    }
    if (!layer.bins) text(svg, W - R, T + 4, 'fit only (no eigenvalue file)', 'end')
  }
  document.querySelectorAll('.spectral-layers').forEach(function (block) {
    var section = block.closest('section') || document
    var dataEl = section.querySelector('script.esd-data')
    var panel = section.querySelector('.esd-panel')
    if (!dataEl || !panel) return
    var layers = JSON.parse(dataEl.textContent)
    function show(row) {
      var layer = layers[Number(row.getAttribute('data-row'))]
      if (!layer) return
      block.querySelectorAll('tr.selected').forEach(function (r) { r.classList.remove('selected') })
      row.classList.add('selected')
      draw(panel, layer)
    }
    block.querySelectorAll('tr[data-row]').forEach(function (row) {
      row.addEventListener('click', function () { show(row) })
      row.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') show(row) })
    })
  })
})()
`
