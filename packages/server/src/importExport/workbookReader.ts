import { type Readable, Transform } from "node:stream"
import ExcelJS from "exceljs"
import unzipper from "unzipper"

/** Where the workbook is: a path (CLI) or the uploaded bytes (HTTP). */
export type WorkbookInput = string | Uint8Array

/**
 * How large a part may be once decompressed, in bytes. A few megabytes of zip can inflate to
 * gigabytes (a "zip bomb"); the parts read whole into memory (shared strings, styles, workbook,
 * relationships) would take the process down with them. The bounds leave room for several times
 * the largest roster yinfa is built for (100 000 rows: ~30 MB of shared strings, ~80 MB of sheet).
 */
export interface PartLimits {
  /** Shared strings, styles, workbook and relationships: held in memory while the sheets are read. */
  readonly heldBytes: number
  /** A worksheet: streamed row by row, bounded so a bomb cannot keep an import busy for hours. */
  readonly worksheetBytes: number
}

export const PART_LIMITS: PartLimits = { heldBytes: 128 * 1024 * 1024, worksheetBytes: 1024 * 1024 * 1024 }

/** A part larger than its limit (declared in the zip's directory, or found while inflating it). */
export class PartTooLarge extends Error {
  constructor(
    readonly part: string,
    readonly limitBytes: number
  ) {
    super(`${part} is larger than ${Math.round(limitBytes / 1024 / 1024)} MB once decompressed`)
  }
}

/** The part's decompressed bytes, failing with PartTooLarge past `limit` (the directory's sizes may lie). */
const bounded = (stream: Readable, part: string, limit: number): Readable => {
  let seen = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit) done(new PartTooLarge(part, limit))
      else done(null, chunk)
    }
  })
  stream.on("error", (e) => counter.destroy(e))
  return stream.pipe(counter)
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/

/**
 * exceljs's streaming workbook reader, with two of its faults mended.
 *
 * - **Parts lost in one streaming pass.** It reads the zip in one pass, entry after entry, and
 *   under load that pass sometimes ends before the last entries are read (exceljs#3064): the
 *   shared strings and `xl/workbook.xml` were lost and the read failed with "Cannot read
 *   properties of undefined (reading 'sheets')" in about 1 of 500 reads here, four processes
 *   reading at once. Depending on the order a tool stores the parts in, a lost part could as
 *   well be one the rows need. This reader finds the parts through the zip's central directory
 *   and reads them in the order their use needs: relationships, workbook, shared strings,
 *   styles, then the worksheets in the order of the workbook's tabs (exceljs gave them in the
 *   order the zip stored them), each one streamed as before. It also spares the worksheet's
 *   temporary file exceljs wrote when the shared strings came after it (as in files Excel and
 *   exceljs write).
 * - **Characters split across chunks.** It decodes each decompressed chunk of XML on its own, so
 *   a Chinese character split across two chunks turns into U+FFFD ("培育时���新人"): seen here
 *   on a generated 100 000-row roster. Its XML parser passes strings through untouched, so this
 *   reader hands it text that a stateful UTF-8 decoder has already joined across chunk boundaries.
 *
 * Parts larger than `PART_LIMITS` (or the `limits` option) once decompressed fail with
 * `PartTooLarge`. Iterate it as exceljs's: `for await (const sheet of reader) for await (const row of sheet)`.
 */
export class SafeWorkbookReader extends (ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: WorkbookInput,
  options: object
) => ExcelJS.stream.xlsx.WorkbookReader & Record<string, any>) {
  override async *parse(input?: WorkbookInput, options?: object): AsyncGenerator<unknown> {
    if (options) this.options = options
    const source: WorkbookInput = input ?? this.input
    const directory =
      typeof source === "string"
        ? await unzipper.Open.file(source)
        : await unzipper.Open.buffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength))
    const limits: PartLimits = (this.options as { limits?: PartLimits }).limits ?? PART_LIMITS
    const open = (file: (typeof directory.files)[number], limit: number) => {
      if (file.uncompressedSize > limit) throw new PartTooLarge(file.path, limit)
      return bounded(file.stream(), file.path, limit)
    }
    const part = (path: string) => {
      const file = directory.files.find((f) => f.path === path)
      return file ? open(file, limits.heldBytes) : undefined
    }
    const rels = part("xl/_rels/workbook.xml.rels")
    if (rels) await this._parseRels(rels)
    const workbook = part("xl/workbook.xml")
    if (workbook) await this._parseWorkbook(workbook)
    const sharedStrings = part("xl/sharedStrings.xml")
    if (sharedStrings) yield* this._parseSharedStrings(sharedStrings)
    const styles = part("xl/styles.xml")
    if (styles) await this._parseStyles(styles)
    const worksheets = directory.files
      .flatMap((f) => {
        const match = WORKSHEET.exec(f.path)
        return match ? [{ file: f, sheetNo: match[1], tab: this._tabOf(match[1]) }] : []
      })
      .sort((a, b) => a.tab - b.tab || Number(a.sheetNo) - Number(b.sheetNo))
    for (const { file, sheetNo } of worksheets) yield* this._parseWorksheet(open(file, limits.worksheetBytes), sheetNo)
  }

  /**
   * The sheet's place among the workbook's tabs (as Excel shows them), through the workbook's
   * relationships; sheets the workbook does not list come after, by file number.
   */
  _tabOf(sheetNo: string): number {
    const rels = (this.workbookRels ?? []) as ReadonlyArray<{ Id: string; Target: string }>
    const sheets = (this.model?.sheets ?? []) as unknown as ReadonlyArray<{ rId: string }>
    const rel = rels.find((r) => r.Target === `worksheets/sheet${sheetNo}.xml` || r.Target === `/xl/worksheets/sheet${sheetNo}.xml`)
    const tab = rel ? sheets.findIndex((sheet) => sheet.rId === rel.Id) : -1
    return tab === -1 ? Number.MAX_SAFE_INTEGER : tab
  }

  _parseSharedStrings(entry: Readable) {
    entry.setEncoding("utf8")
    return super._parseSharedStrings(entry)
  }

  _parseWorksheet(iterator: AsyncIterable<Uint8Array | string>, sheetNo: string) {
    return super._parseWorksheet(decodeUtf8(iterator), sheetNo)
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8")
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}
