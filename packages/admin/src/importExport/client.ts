/**
 * The import/export endpoints, spoken with fetch: uploads and downloads are binary, which the
 * JSON data provider does not carry. The token comes from the same session store as the rest.
 */
export interface ImportExportClient {
  /** e.g. "/api" */
  readonly apiUrl: string
  readonly getToken: () => string | null
  readonly locale?: () => string
}

export interface ImportIssue {
  readonly row: number
  readonly column: string
  readonly message: string
}

export interface ImportResult {
  readonly mode: "all-or-nothing" | "valid-only"
  readonly committed: boolean
  readonly rows: number
  readonly valid: number
  readonly written: number
  readonly issues: ReadonlyArray<ImportIssue>
  readonly ignoredColumns: ReadonlyArray<string>
  /** The same report as an .xlsx workbook, base64. */
  readonly workbookBase64?: string
  readonly summary?: string
}

const headers = (client: ImportExportClient, extra: Record<string, string> = {}) => {
  const h = new Headers(extra)
  const token = client.getToken()
  if (token) h.set("Authorization", `Bearer ${token}`)
  h.set("Accept-Language", client.locale?.() === "en" ? "en" : "zh-CN")
  return h
}

/**
 * A file request that failed: with the server's message (already in the UI language) when it sent
 * one, else only the status (null: no answer at all), for the UI to say in its own words.
 */
export class FileRequestError extends Error {
  constructor(
    readonly status: number | null,
    readonly serverMessage: string | null
  ) {
    super(serverMessage ?? (status === null ? "network error" : `HTTP ${status}`))
  }
}

const failure = async (res: Response): Promise<Error> => {
  try {
    const body = (await res.json()) as { message?: string }
    return new FileRequestError(res.status, body.message ?? null)
  } catch {
    return new FileRequestError(res.status, null)
  }
}

/** Saves a blob under a name, the browser's way. */
export const saveBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The file name of a Content-Disposition (RFC 5987 filename* first, for Chinese names). */
export const dispositionName = (header: string | null, fallback: string): string => {
  if (!header) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain ? plain[1] : fallback
}

/** A printable document (certificate, report pack) as HTML text: it needs the token, so no plain link. */
export const fetchDocument = async (client: ImportExportClient, path: string): Promise<string> => {
  const res = await fetch(`${client.apiUrl}${path}`, { headers: headers(client, { Accept: "text/html" }) })
  if (!res.ok) throw await failure(res)
  return res.text()
}

/** A public JSON read (certificate verification): deliberately without the token. */
export const fetchPublicJson = async <T>(client: ImportExportClient, path: string): Promise<T> => {
  const res = await fetch(`${client.apiUrl}${path}`, {
    headers: { Accept: "application/json", "Accept-Language": client.locale?.() === "en" ? "en" : "zh-CN" }
  })
  if (!res.ok) throw Object.assign(await failure(res), { status: res.status })
  return (await res.json()) as T
}

/** The export of a list as it is on screen: GET /export/<resource>?format&filter&sort[&reveal=1]. */
export const exportPath = (
  resource: string,
  format: "xlsx" | "csv",
  filter: object | undefined,
  sort: { field?: string; order?: string } | undefined,
  reveal = false
): string => {
  const params = new URLSearchParams({ format, filter: JSON.stringify(filter ?? {}) })
  if (sort?.field) params.set("sort", JSON.stringify([sort.field, sort.order ?? "ASC"]))
  if (reveal) params.set("reveal", "1")
  return `/export/${resource}?${params}`
}

export const download = async (client: ImportExportClient, path: string, fallbackName: string) => {
  const res = await fetch(`${client.apiUrl}${path}`, { headers: headers(client) })
  if (!res.ok) throw await failure(res)
  saveBlob(await res.blob(), dispositionName(res.headers.get("Content-Disposition"), fallbackName))
}

/** The import's answer with progress lines (the server's NDJSON_TYPE). */
const NDJSON_TYPE = "application/x-ndjson"

/** How far the server's import has got (rows of the file): the NDJSON progress lines. */
export interface ImportProgress {
  readonly parsed: number
  readonly validated: number
  readonly written: number
  readonly failed: number
}

type ImportLine =
  | { readonly progress: ImportProgress }
  | { readonly report: ImportResult }
  | { readonly error: { readonly status: number; readonly message?: string } }

/**
 * Uploads the file as the raw request body. `onProgress` is the upload's (XMLHttpRequest reports
 * it, fetch does not); `onImportProgress` the server's, read from its NDJSON answer as the lines
 * arrive (`Accept: application/x-ndjson`): progress lines, then the report or the refusal.
 */
export const upload = (
  client: ImportExportClient,
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
  onImportProgress?: (progress: ImportProgress) => void
): Promise<ImportResult> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open("POST", `${client.apiUrl}${path}`)
    headers(client, {
      "Content-Type": "application/octet-stream",
      "X-File-Name": encodeURIComponent(file.name),
      Accept: `${NDJSON_TYPE}, application/json`
    }).forEach((v, k) => {
      xhr.setRequestHeader(k, v)
    })
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total)
    }
    const streamed = () => (xhr.getResponseHeader("Content-Type") ?? "").includes(NDJSON_TYPE)
    // Complete lines read so far: the text after the last newline is a line still arriving.
    let read = 0
    const newLines = (): Array<ImportLine> => {
      const end = xhr.responseText.lastIndexOf("\n") + 1
      if (end <= read) return []
      const chunk = xhr.responseText.slice(read, end)
      read = end
      return chunk
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as ImportLine)
    }
    let last: ImportLine | null = null
    const take = () => {
      for (const line of newLines()) {
        if ("progress" in line) onImportProgress?.(line.progress)
        else last = line
      }
    }
    xhr.onprogress = () => {
      if (streamed()) take()
    }
    xhr.onload = () => {
      if (streamed()) {
        try {
          take()
        } catch {
          return reject(new FileRequestError(xhr.status, null))
        }
        const final = last as ImportLine | null
        if (final !== null && "report" in final) return resolve(final.report)
        if (final !== null && "error" in final) return reject(new FileRequestError(final.error.status, final.error.message ?? null))
        // The stream ended without its last line: the connection or the server gave out.
        return reject(new FileRequestError(null, null))
      }
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        return reject(new FileRequestError(xhr.status, null))
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult)
      else reject(new FileRequestError(xhr.status, (body as { message?: string }).message ?? null))
    }
    xhr.onerror = () => reject(new FileRequestError(null, null))
    xhr.send(file)
  })

export const base64ToBlob = (b64: string, type: string): Blob => {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Blob([bytes], { type })
}
