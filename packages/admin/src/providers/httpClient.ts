import { fetchUtils } from "react-admin"
import type { SessionStore } from "./session.js"

export type HttpClient = (
  url: string,
  options?: fetchUtils.Options
) => Promise<{ status: number; headers: Headers; body: string; json: any }>

export interface HttpClientOptions {
  readonly session: SessionStore
  /** The UI's current locale, sent as Accept-Language so the server's messages match the screen. */
  readonly getLocale: () => string
}

/** fetchJson with the bearer token and the UI language on every request. */
export const createHttpClient =
  ({ session, getLocale }: HttpClientOptions): HttpClient =>
  (url, options = {}) => {
    const headers = new Headers(options.headers ?? { Accept: "application/json" })
    const token = session.get()?.token
    if (token) headers.set("Authorization", `Bearer ${token}`)
    headers.set("Accept-Language", getLocale() === "en" ? "en" : "zh-CN")
    return fetchUtils.fetchJson(url, { ...options, headers })
  }
