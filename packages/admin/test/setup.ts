import { cleanup, configure } from "@testing-library/react"
import { afterEach, vi } from "vitest"

// jsdom lacks these; MUI and recharts ask for them.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as any
/** A MediaQueryList's methods, none of which jsdom has; tests set `matches` and `media`. */
export const matchMediaStub = {
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false
}

window.matchMedia ??= ((query: string) => ({ ...matchMediaStub, matches: false, media: query })) as any

afterEach(() => cleanup())

// A whole react-admin app renders in jsdom in a second or two; the default 1 s wait is too short, and a cold first render under a loaded CI takes longer still.
configure({ asyncUtilTimeout: 20_000 })
// Rendering the full app (MUI, react-admin, recharts) takes seconds in jsdom, more under a loaded CI.
vi.setConfig({ testTimeout: 60_000 })
