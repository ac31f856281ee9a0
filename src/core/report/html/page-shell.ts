/**
 * The self-contained HTML page of `report render --format html`: one file with its styles and
 * scripts inline, nothing fetched (the Content-Security-Policy forbids any load from elsewhere),
 * a table of contents when it holds several reports, and one section per report.
 */
import {escapeHtml} from './escape-html.js'
import type {PageEntry} from './html-section.js'
import {pageScript} from './page-script.js'
import {pageStyle} from './page-style.js'

const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

export interface PageOptions {
  readonly title: string
  /** One line under the title: what made the page. */
  readonly generator: string
}

function tocHtml(entries: readonly PageEntry[]): string {
  const items = entries.map(
    (e) =>
      `<li><a href="#${e.id}">${escapeHtml(e.title)}</a> <span class="subtitle">${escapeHtml(e.subtitle)}</span></li>`,
  )
  return `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${items.join('')}</ol></nav>`
}

function sectionHtml(e: PageEntry): string {
  return [
    `<section class="report" id="${e.id}">`,
    `<h2>${escapeHtml(e.title)}</h2>`,
    `<p class="subtitle">${escapeHtml(e.subtitle)}</p>`,
    e.section.body,
    '</section>',
  ].join('\n')
}

export function renderHtmlPage(options: PageOptions, entries: readonly PageEntry[]): string {
  const scripts = [pageScript, ...new Set(entries.flatMap((e) => e.section.scripts ?? []))]
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body>',
    `<header class="page"><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.generator)}</p></header>`,
    entries.length > 1 ? tocHtml(entries) : '',
    '<main>',
    ...entries.map(sectionHtml),
    '</main>',
    ...scripts.map((s) => `<script>${s}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
