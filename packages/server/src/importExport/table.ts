import { createReadStream } from "node:fs"
import { open } from "node:fs/promises"
import { pipeline, Readable } from "node:stream"
import { translate, ValidationError, type MessageParams } from "@yinfa/core"
import { parse as parseCsv } from "csv-parse"
import ExcelJS from "exceljs"
import { normalizeHeader } from "./labels.js"
import { PartTooLarge, SafeWorkbookReader } from "./workbookReader.js"

/**
 * Reading a table (the first sheet that has the expected headers of an .xlsx, or a .csv) as a
 * stream of rows keyed by column, so that a 100 000-row roster is never held in memory whole.
 */

/** Where the file is: a path (CLI) or the uploaded bytes (HTTP). */
export type TableSource = { readonly path: string } | { readonly bytes: Uint8Array }

/** A cell as the importers see it: text, number, boolean, a Date (xlsx date cells), or a formula error. */
export type CellValue = string | number | boolean | Date | { readonly error: string } | null

export interface ColumnSpec {
  readonly key: string
  /** The header as the template names it. */
  readonly header: string
  /** Other names clerks' own sheets use for the same column. */
  readonly synonyms?: ReadonlyArray<string>
  readonly required?: boolean
}

export interface TableRow {
  /** The row number the clerk sees in Excel (1-based, header rows included). */
  readonly row: number
  readonly cells: Readonly<Record<string, CellValue>>
}

export interface TableHeader {
  /** Column key → the header text found in the file (for messages). */
  readonly found: ReadonlyMap<string, string>
  /** Headers nobody asked for; ignored (an export's 志愿者编号 or 状态, say). */
  readonly ignored: ReadonlyArray<string>
  readonly format: "xlsx" | "csv"
}

/** A file-level refusal, as a ValidationError on the path "file" so the server answers 400. */
export const fileError = (key: string, params: MessageParams = {}): ValidationError =>
  new ValidationError({ issues: [{ path: "file", key, params, message: translate("en", key, params) }] })

/** Characters a CSV record may hold: a roster row is well under 1 KB. */
export const MAX_CSV_RECORD_CHARS = 64 * 1024

/** Rows above the header that a sheet may use for a title; the header is looked for in these. */
const HEADER_SEARCH_ROWS = 10

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

const startsWith = (bytes: Uint8Array, magic: ReadonlyArray<number>) => magic.every((b, i) => bytes[i] === b)

const head = async (source: TableSource, n: number): Promise<Uint8Array> => {
  if ("bytes" in source) return source.bytes.subarray(0, n)
  const file = await open(source.path, "r")
  try {
    const buffer = Buffer.alloc(n)
    const { bytesRead } = await file.read(buffer, 0, n, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

const streamOf = (source: TableSource): Readable =>
  "bytes" in source
    ? Readable.from([Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)])
    : createReadStream(source.path)

/** Rich text, hyperlinks and formulas reduced to what the cell shows (a formula's cached result). */
export const plainCell = (v: unknown): CellValue => {
  if (v === null || v === undefined) return null
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v
  if (v instanceof Date) return v
  if (typeof v === "object") {
    const o = v as Record<string, unknown>
    if ("formula" in o || "sharedFormula" in o) return plainCell(o.result)
    if ("error" in o) return { error: String(o.error) }
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? "").join("")
    if ("text" in o) return plainCell(o.text)
  }
  return String(v)
}

export const isBlank = (v: CellValue): boolean => v === null || (typeof v === "string" && v.trim() === "")

const cellText = (v: CellValue): string => (v === null ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? "" : String(v))

interface HeaderMatch {
  readonly columns: Map<number, string>
  readonly found: Map<string, string>
  readonly ignored: Array<string>
  readonly duplicate: string | null
  readonly score: number
}

/**
 * Matches header cells by name. A header cell merged over two rows has its text in the upper
 * row only, so an empty cell in the header row takes the text above it.
 */
const matchHeader = (
  spec: ReadonlyArray<ColumnSpec>,
  row: ReadonlyArray<CellValue>,
  above: ReadonlyArray<CellValue> | undefined
): HeaderMatch => {
  const names = new Map<string, string>()
  for (const c of spec) for (const n of [c.header, ...(c.synonyms ?? [])]) names.set(normalizeHeader(n), c.key)
  const columns = new Map<number, string>()
  const found = new Map<string, string>()
  const ignored: Array<string> = []
  let duplicate: string | null = null
  const width = Math.max(row.length, above?.length ?? 0)
  for (let i = 0; i < width; i++) {
    const own = cellText(row[i] ?? null).trim()
    const text = own !== "" ? own : cellText(above?.[i] ?? null).trim()
    if (text === "") continue
    const key = names.get(normalizeHeader(text))
    if (key === undefined) {
      if (own !== "") ignored.push(own)
      continue
    }
    if (found.has(key)) {
      duplicate ??= text
      continue
    }
    columns.set(i, key)
    found.set(key, text)
  }
  return { columns, found, ignored, duplicate, score: found.size }
}

/** How messages name the columns: by the headers given (the reader's language), else by the spec's. */
type HeaderNames = Readonly<Record<string, string>> | undefined

const headerOrFail = (
  spec: ReadonlyArray<ColumnSpec>,
  best: HeaderMatch | null,
  requiredKeys: ReadonlyArray<string>,
  names: HeaderNames
): HeaderMatch => {
  const missing = spec.filter((c) => requiredKeys.includes(c.key) && !best?.found.has(c.key)).map((c) => names?.[c.key] ?? c.header)
  if (missing.length > 0) throw fileError("import.missingHeaders", { columns: missing.join(", ") })
  if (best?.duplicate) throw fileError("import.duplicateHeader", { column: best.duplicate })
  return best as HeaderMatch
}

const toRow = (rowNumber: number, values: ReadonlyArray<CellValue>, columns: ReadonlyMap<number, string>): TableRow | null => {
  const cells: Record<string, CellValue> = {}
  let blank = true
  for (const [i, key] of columns) {
    const v = values[i] ?? null
    cells[key] = v
    if (!isBlank(v)) blank = false
  }
  return blank ? null : { row: rowNumber, cells }
}

export interface ReadTableOptions {
  readonly spec: ReadonlyArray<ColumnSpec>
  /** Keys whose headers must be present (default: the spec's `required`). */
  readonly requiredKeys?: ReadonlyArray<string>
  /** Called once the header is known, before the first row. */
  readonly onHeader?: (header: TableHeader) => void
  /** Column key → the header that a refusal names a missing column by (default: the spec's header). */
  readonly headerNames?: Readonly<Record<string, string>>
}

/**
 * The data rows of a table, blank rows skipped. Fails (the iterator throws a ValidationError on
 * the path "file") when the file is not a spreadsheet, its encoding is unknown, required
 * headers are missing, or it has no data rows.
 */
export async function* readTable(source: TableSource, options: ReadTableOptions): AsyncGenerator<TableRow> {
  const required = options.requiredKeys ?? options.spec.filter((c) => c.required).map((c) => c.key)
  const magic = await head(source, 8)
  if (magic.length === 0) throw fileError("import.emptySheet")
  if (startsWith(magic, OLE_MAGIC)) throw fileError("import.legacyXls")
  const rows = startsWith(magic, XLSX_MAGIC)
    ? xlsxRows(source, options.spec, required, options.onHeader, options.headerNames)
    : csvRows(source, options.spec, required, options.onHeader, options.headerNames)
  let any = false
  for await (const row of rows) {
    any = true
    yield row
  }
  if (!any) throw fileError("import.emptySheet")
}

async function* xlsxRows(
  source: TableSource,
  spec: ReadonlyArray<ColumnSpec>,
  required: ReadonlyArray<string>,
  onHeader: ReadTableOptions["onHeader"],
  names: HeaderNames
): AsyncGenerator<TableRow> {
  // styles "cache" makes date-formatted cells arrive as Dates; shared strings are needed for text.
  const reader = new SafeWorkbookReader("bytes" in source ? source.bytes : source.path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore"
  } as never)
  let best: HeaderMatch | null = null
  let sheets = 0
  try {
    for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      sheets++
      // The first sheet whose top rows hold the headers is the data sheet (a 说明 sheet may come first).
      let header: HeaderMatch | null = null
      let previous: Array<CellValue> | undefined
      let seen = 0
      for await (const row of sheet) {
        // A sheet without the headers is read to its end (not abandoned) so the zip stream moves on.
        if (header === null && seen >= HEADER_SEARCH_ROWS) continue
        const values = (row.values as Array<unknown>).slice(1).map(plainCell)
        if (header === null) {
          seen++
          const match = matchHeader(spec, values, previous)
          if (match.score > (best?.score ?? 0)) best = match
          if (required.every((k) => match.found.has(k)) && match.score > 0) {
            header = headerOrFail(spec, match, required, names)
            onHeader?.({ found: header.found, ignored: header.ignored, format: "xlsx" })
          }
          previous = values
          continue
        }
        const out = toRow(row.number, values, header.columns)
        if (out) yield out
      }
      if (header !== null) return
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e
    if (e instanceof PartTooLarge) throw fileError("import.partTooLarge", { mb: Math.round(e.limitBytes / 1024 / 1024) })
    throw fileError("import.badWorkbook", { detail: e instanceof Error ? e.message : String(e) })
  }
  // A zip without worksheets (a .docx, say) is not a spreadsheet at all.
  if (sheets === 0) throw fileError("import.notSpreadsheet")
  headerOrFail(spec, best, required, names)
  throw fileError("import.emptySheet")
}

/**
 * ICU's GBK decoder maps some invalid bytes (0xFF, 0x80) to private-use characters instead of
 * failing, so those (and the replacement character) count as "does not decode" too: a roster
 * never contains them.
 */
const UNDECODABLE = /[\ue000-\uf8ff\ufffd]/

/** UTF-8 (with or without BOM) first; GBK when the bytes are not UTF-8 (Excel's "CSV" on Chinese Windows). */
const detectEncoding = (sample: Uint8Array): "utf-8" | "gbk" | null => {
  const attempt = (label: string) => {
    try {
      // stream: true lets a multi-byte character cut at the sample's end pass.
      return !UNDECODABLE.test(new TextDecoder(label, { fatal: true }).decode(sample, { stream: true }))
    } catch {
      return false
    }
  }
  if (attempt("utf-8")) return "utf-8"
  if (attempt("gbk")) return "gbk"
  return null
}

/** Control bytes other than tab and line breaks do not occur in a text table. */
const looksBinary = (text: string): boolean => {
  const head = text.slice(0, 4096)
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i)
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1a)) return true
  }
  return false
}

async function* decodeChunks(input: Readable, encoding: "utf-8" | "gbk"): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true })
  try {
    for await (const chunk of input) {
      const text = decoder.decode(chunk as Uint8Array, { stream: true })
      if (UNDECODABLE.test(text)) throw fileError("import.encoding")
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (e) {
    if (e instanceof TypeError) throw fileError("import.encoding")
    throw e
  }
}

async function* csvRows(
  source: TableSource,
  spec: ReadonlyArray<ColumnSpec>,
  required: ReadonlyArray<string>,
  onHeader: ReadTableOptions["onHeader"],
  names: HeaderNames
): AsyncGenerator<TableRow> {
  const sample = await head(source, 64 * 1024)
  const encoding = detectEncoding(sample)
  if (encoding === null) throw fileError("import.encoding")
  const preview = new TextDecoder(encoding).decode(sample)
  if (looksBinary(preview)) throw fileError("import.notSpreadsheet")
  // A record longer than any roster row (a file without line breaks, or one endless quoted
  // field) would otherwise be gathered whole in memory before the parser gives it up.
  const parser = parseCsv({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS
  })
  const input = streamOf(source)
  // pipeline (not pipe) so that an encoding error in the middle of the file reaches the loop below.
  const feed = pipeline(Readable.from(decodeChunks(input, encoding)), parser, () => {})
  let header: HeaderMatch | null = null
  let best: HeaderMatch | null = null
  let previous: Array<CellValue> | undefined
  let rowNumber = 0
  try {
    for await (const record of feed as AsyncIterable<Array<string>>) {
      rowNumber++
      const values: Array<CellValue> = record.map((s) => s)
      if (header === null) {
        const match = matchHeader(spec, values, previous)
        if (match.score > (best?.score ?? 0)) best = match
        if (required.every((k) => match.found.has(k)) && match.score > 0) {
          header = headerOrFail(spec, match, required, names)
          onHeader?.({ found: header.found, ignored: header.ignored, format: "csv" })
        } else if (rowNumber >= HEADER_SEARCH_ROWS) break
        previous = values
        continue
      }
      const out = toRow(rowNumber, values, header.columns)
      if (out) yield out
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e
    const code = (e as { code?: string }).code
    if (code === "CSV_MAX_RECORD_SIZE") {
      // The parser may run ahead of this loop: its own count of finished records says which row it was.
      const records = (e as { records?: number }).records
      throw fileError("import.csvRecordTooLong", { row: (records ?? rowNumber) + 1, kb: MAX_CSV_RECORD_CHARS / 1024 })
    }
    // csv-parse's own refusals (unclosed quotes, …) mean the text is not a table.
    if (typeof code === "string" && code.startsWith("CSV_")) throw fileError("import.notSpreadsheet")
    throw e
  } finally {
    feed.destroy()
    input.destroy()
  }
  if (header === null) headerOrFail(spec, best, required, names)
}
