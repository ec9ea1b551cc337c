import type { LazyView } from "./lazy.js"

/** A resource definition: its views are among its properties (not every resource has all four). */
type Views = { readonly list?: unknown; readonly show?: unknown; readonly create?: unknown; readonly edit?: unknown }

const isLazy = (view: unknown): view is LazyView => typeof view === "function" && typeof (view as Partial<LazyView>).preload === "function"

/**
 * The view react-admin's routes show at `path` (`/volunteers`, `/volunteers/create`,
 * `/volunteers/:id`, `/volunteers/:id/show`), or the home page (`/`).
 */
export const viewAt = (path: string, resources: Readonly<Record<string, object>>, home?: unknown): unknown => {
  const [name, id, action] = path
    .replace(/[?#].*$/, "")
    .split("/")
    .filter(Boolean)
  if (name === undefined) return home
  const views: Views | undefined = Object.hasOwn(resources, name) ? resources[name] : undefined
  if (views === undefined) return undefined
  if (id === undefined) return views.list
  if (id === "create") return views.create
  return action === "show" ? views.show : views.edit
}

/**
 * Starts loading the code of the page the app opens on, while react-admin is still starting (it
 * asks the auth provider and renders the layout before it mounts the page). Takes the location's
 * hash route (`#/volunteers?...`) or a path. Answers whether a view was preloaded.
 */
export const preloadRoute = (location: string, resources: Readonly<Record<string, object>>, home?: unknown): boolean => {
  const view = viewAt(location.replace(/^#/, ""), resources, home)
  if (!isLazy(view)) return false
  // A failed preload is retried when the view renders; nothing waits on this promise.
  view.preload().catch(() => undefined)
  return true
}
