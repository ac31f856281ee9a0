/**
 * What a family's HTML view of one report hands to the page: the section body (escaped HTML)
 * and the inline scripts it needs. A script is listed by its text, and the page includes each
 * distinct script once however many reports use it.
 */
export interface HtmlSection {
  readonly body: string
  readonly scripts?: readonly string[]
}

/** One report on the page: its heading, anchor for the table of contents, and content. */
export interface PageEntry {
  readonly id: string
  readonly title: string
  /** A one-line description under the heading (file name, schema). */
  readonly subtitle: string
  readonly section: HtmlSection
}
