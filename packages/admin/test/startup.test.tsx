import { matchMediaStub } from "./setup.js"
import { QueryClient, QueryClientProvider, type QueryKey, useQuery } from "@tanstack/react-query"
import { render, screen, act as testingAct, waitFor } from "@testing-library/react"
import { act, Component, type ComponentType, type ReactNode, Suspense } from "react"
import { CoreAdminContext, memoryStore, useAuthState, useCanAccess, useGetIdentity, usePermissions } from "react-admin"
import { afterEach, describe, expect, it, vi } from "vitest"
import { canAccessFor, createAuthProvider, identityOf, sessionPermissions } from "../src/providers/authProvider.js"
import type { HttpClient } from "../src/providers/httpClient.js"
import { memorySession, type SessionStore, type SessionUser } from "../src/providers/session.js"
import { answerAuthQueriesFromSession } from "../src/providers/sessionAuthAnswers.js"
import { yinfaResources } from "../src/resources/index.js"
import { lazyView } from "../src/resources/lazy.js"
import { preloadRoute, viewAt } from "../src/resources/preloadRoute.js"
import { YinfaAdmin } from "../src/YinfaAdmin.js"
import { fakeAuthProvider, fakeDataProvider, freshStore, users } from "./fixtures.js"

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A promise settled from outside, to hold a loader at "downloading". */
const deferred = <A,>() => {
  let resolve!: (value: A) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<A>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const Hello = ({ who = "世界" }: { who?: string }) => <p>你好，{who}</p>

/** A loader of a module exporting `Hello`, counting its calls. */
const countingLoader = (result: () => Promise<{ Hello: typeof Hello }> = async () => ({ Hello })) => {
  const load = vi.fn(result)
  return load
}

/** A Suspense fallback that counts each time React renders it. */
const Fallback = ({ renders }: { renders: { count: number } }) => {
  renders.count++
  return <p>加载中</p>
}

const recordingFallback = () => {
  const renders = { count: 0 }
  return { renders, fallback: <Fallback renders={renders} /> }
}

/** The view renders in the first pass: its chunk is there, so the fallback never shows. */
const expectRendersAtOnce = (View: ComponentType) => {
  const { renders, fallback } = recordingFallback()
  render(
    <Suspense fallback={fallback}>
      <View />
    </Suspense>
  )
  expect(screen.getByText("你好，世界")).toBeTruthy()
  expect(renders.count).toBe(0)
}

/** Shows the error of the view below it, as react-admin's Layout does. */
class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    return this.state.error ? <p role="alert">出错：{this.state.error.message}</p> : this.props.children
  }
}

/**
 * A loader whose download always fails. Past 20 calls it stops answering instead (still never a
 * module), so code that retries in a loop fails the test rather than spinning until it times out.
 */
const failingLoader = () => {
  let calls = 0
  return vi.fn((): Promise<{ Hello: typeof Hello }> => {
    calls++
    return calls > 20 ? new Promise(() => {}) : Promise.reject(new Error("chunk 404"))
  })
}

/** Renders `View` inside an error boundary and a Suspense boundary, letting it suspend and settle. */
const renderGuarded = async (View: ComponentType) => {
  await act(async () => {
    render(
      <ErrorBoundary>
        <Suspense fallback={<p>加载中</p>}>
          <View />
        </Suspense>
      </ErrorBoundary>
    )
  })
}

describe("lazyView", () => {
  it("suspends to the fallback while the chunk loads, then shows the view", async () => {
    const chunk = deferred<{ Hello: typeof Hello }>()
    const load = countingLoader(() => chunk.promise)
    const View = lazyView(load, "Hello")
    const { renders, fallback } = recordingFallback()
    // Awaited: React 19 does not retry a `use()` that suspended inside an act() scope left synchronously.
    await act(async () => {
      render(
        <Suspense fallback={fallback}>
          <View />
        </Suspense>
      )
    })
    expect(screen.getByText("加载中")).toBeTruthy()
    expect(screen.queryByText("你好，世界")).toBeNull()
    expect(renders.count).toBeGreaterThan(0)
    chunk.resolve({ Hello })
    expect(await screen.findByText("你好，世界")).toBeTruthy()
    expect(screen.queryByText("加载中")).toBeNull()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it("renders a preloaded view in the first render, the fallback never shown", async () => {
    const load = countingLoader()
    const View = lazyView(load, "Hello")
    await View.preload()
    const { renders, fallback } = recordingFallback()
    render(
      <Suspense fallback={fallback}>
        <View {...{ who: "银发" }} />
      </Suspense>
    )
    // No await: the content is there when render() returns, and the fallback was never rendered.
    expect(screen.getByText("你好，银发")).toBeTruthy()
    expect(renders.count).toBe(0)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it("loads once however often it is preloaded or rendered", async () => {
    const load = countingLoader()
    const View = lazyView(load, "Hello")
    const first = View.preload()
    const second = View.preload()
    expect(second).toBe(first)
    await first
    render(
      <Suspense fallback={null}>
        <View />
        <View />
      </Suspense>
    )
    expect(screen.getAllByText("你好，世界").length).toBe(2)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it("a failed load rejects preload, and a later preload tries again", async () => {
    let attempt = 0
    const load = countingLoader(async () => {
      attempt++
      if (attempt === 1) throw new Error("chunk 404")
      return { Hello }
    })
    const View = lazyView(load, "Hello")
    await expect(View.preload()).rejects.toThrow("chunk 404")
    await expect(View.preload()).resolves.toBe(Hello)
    expect(load).toHaveBeenCalledTimes(2)
    // The retried chunk renders at once, like any preloaded one.
    expectRendersAtOnce(View)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it("shows a download that always fails in the error boundary, having tried it once", async () => {
    // React reports the error the boundary caught on the console.
    vi.spyOn(console, "error").mockImplementation(() => {})
    const load = failingLoader()
    const View = lazyView(load, "Hello")
    await renderGuarded(View)
    expect((await screen.findByRole("alert")).textContent).toBe("出错：chunk 404")
    expect(screen.queryByText("加载中")).toBeNull()
    expect(load).toHaveBeenCalledTimes(1)
    // No download behind the boundary's back, and none by another render: its own download failed.
    await new Promise((r) => setTimeout(r, 50))
    expect(load).toHaveBeenCalledTimes(1)
    await renderGuarded(View)
    expect(screen.getAllByRole("alert").map((alert) => alert.textContent)).toEqual(["出错：chunk 404", "出错：chunk 404"])
    expect(load).toHaveBeenCalledTimes(1)
  })

  it("after a failed preload, the first render tries once more and then shows the error boundary; a preload tries again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {})
    const load = failingLoader()
    const View = lazyView(load, "Hello")
    await expect(View.preload()).rejects.toThrow("chunk 404")
    expect(load).toHaveBeenCalledTimes(1)
    await renderGuarded(View)
    expect((await screen.findByRole("alert")).textContent).toBe("出错：chunk 404")
    expect(load).toHaveBeenCalledTimes(2)
    await new Promise((r) => setTimeout(r, 50))
    expect(load).toHaveBeenCalledTimes(2)
    // An explicit preload downloads again.
    await expect(View.preload()).rejects.toThrow("chunk 404")
    expect(load).toHaveBeenCalledTimes(3)
  })

  it("names the view after its export, for React's devtools and warnings", () => {
    expect(lazyView(countingLoader(), "Hello").displayName).toBe("LazyView(Hello)")
  })
})

describe("viewAt and preloadRoute", () => {
  const list = () => null
  const create = () => null
  const edit = () => null
  const show = () => null
  const home = () => null
  const resources = { volunteers: { list, create, edit, show }, "pairing-check-ins": { create } }

  it.each([
    ["/volunteers", list],
    ["/volunteers/", list],
    ["/volunteers?filter=%7B%22status%22%3A%22active%22%7D&page=2", list],
    ["/volunteers/create", create],
    ["/volunteers/create?source=%7B%7D", create],
    ["/volunteers/42", edit],
    ["/volunteers/42?tab=1", edit],
    // TabbedForm's tabs: /volunteers/42/1 is still the edit page.
    ["/volunteers/42/1", edit],
    ["/volunteers/42/show", show],
    ["/volunteers/42/show?x=1", show],
    // TabbedShowLayout's tabs: /volunteers/42/show/1 is still the show page.
    ["/volunteers/42/show/1", show],
    ["/", home],
    ["", home],
    ["/?filter=1", home]
  ])("%s is the expected view", (path, view) => {
    expect(viewAt(path, resources, home)).toBe(view)
  })

  it("answers undefined for unknown resources, missing views and Object's own properties", () => {
    expect(viewAt("/nope", resources, home)).toBeUndefined()
    expect(viewAt("/login", resources, home)).toBeUndefined()
    expect(viewAt("/verify/YF2025-000001", resources, home)).toBeUndefined()
    expect(viewAt("/constructor", resources, home)).toBeUndefined()
    expect(viewAt("/__proto__", resources, home)).toBeUndefined()
    expect(viewAt("/toString/1/show", resources, home)).toBeUndefined()
    expect(viewAt("/pairing-check-ins", resources, home)).toBeUndefined()
    expect(viewAt("/pairing-check-ins/create", resources, home)).toBe(create)
    expect(viewAt("/", resources)).toBeUndefined()
  })

  it("finds the real resources' lazy views", () => {
    expect(viewAt("/volunteers", yinfaResources)).toBe(yinfaResources.volunteers.list)
    expect(viewAt("/experience-reports/7/show", yinfaResources)).toBe(yinfaResources["experience-reports"].show)
    expect(typeof (yinfaResources.volunteers.list as { preload?: unknown }).preload).toBe("function")
  })

  it("preloads the lazy view of a hash route once, query string and all", async () => {
    const load = countingLoader()
    const View = lazyView(load, "Hello")
    const lazyResources = { volunteers: { list: View, show } }
    expect(preloadRoute("#/volunteers?filter=%7B%7D&order=ASC", lazyResources)).toBe(true)
    expect(preloadRoute("#/volunteers", lazyResources)).toBe(true)
    expect(load).toHaveBeenCalledTimes(1)
    await View.preload()
    expect(load).toHaveBeenCalledTimes(1)
    // It is the view's own chunk: it renders without suspending.
    expectRendersAtOnce(View)
  })

  it("takes a path without the hash too, and preloads the home page at #/ or no hash", () => {
    const homeLoad = countingLoader()
    const Home = lazyView(homeLoad, "Hello")
    const listLoad = countingLoader()
    const lazyResources = { volunteers: { list: lazyView(listLoad, "Hello") } }
    expect(preloadRoute("/volunteers", lazyResources, Home)).toBe(true)
    expect(listLoad).toHaveBeenCalledTimes(1)
    expect(preloadRoute("", lazyResources, Home)).toBe(true)
    expect(preloadRoute("#/", lazyResources, Home)).toBe(true)
    expect(homeLoad).toHaveBeenCalledTimes(1)
  })

  it("answers false, loading nothing, for plain views, missing views and unknown routes", () => {
    const load = countingLoader()
    const View = lazyView(load, "Hello")
    const lazyResources = { volunteers: { list: View, show } }
    expect(preloadRoute("#/volunteers/1/show", lazyResources, View)).toBe(false)
    expect(preloadRoute("#/volunteers/create", lazyResources, View)).toBe(false)
    expect(preloadRoute("#/activities", lazyResources, View)).toBe(false)
    expect(preloadRoute("#/login", lazyResources, View)).toBe(false)
    expect(preloadRoute("#/", lazyResources, home)).toBe(false)
    expect(preloadRoute("#/", lazyResources)).toBe(false)
    expect(load).not.toHaveBeenCalled()
  })

  it("swallows a failed preload (no unhandled rejection) and leaves the retry to the view", async () => {
    let attempt = 0
    const load = countingLoader(async () => {
      attempt++
      if (attempt === 1) throw new Error("offline")
      return { Hello }
    })
    const View = lazyView(load, "Hello")
    expect(preloadRoute("#/volunteers", { volunteers: { list: View } })).toBe(true)
    // Let the rejection settle: vitest fails the run on an unhandled one.
    await new Promise((r) => setTimeout(r, 0))
    expect(load).toHaveBeenCalledTimes(1)
    await act(async () => {
      render(
        <Suspense fallback={<p>加载中</p>}>
          <View />
        </Suspense>
      )
    })
    expect(await screen.findByText("你好，世界")).toBeTruthy()
    expect(load).toHaveBeenCalledTimes(2)
  })
})

const sessionOf = (user: SessionUser) => memorySession({ token: "t", user })
const signedIn = {
  city: sessionOf(users.city),
  region: sessionOf(users.region),
  viewer: sessionOf(users.viewer)
}

/** The default auth provider over `session`, its /me answering the stored user. */
const realAuthProvider = (session: SessionStore) => {
  const httpClient: HttpClient = async () => ({ status: 200, headers: new Headers(), body: "", json: session.get()?.user })
  return createAuthProvider({ apiUrl: "/api", session, httpClient })
}

/** Creates the query at `key` as react-query does on a component's first use of it, and answers its state. */
const added = (queryClient: QueryClient, key: QueryKey) => queryClient.getQueryCache().build(queryClient, { queryKey: key })

const canAccessKey = (resource: string, action: string, recordId?: string) => ["auth", "canAccess", { action, resource, recordId }]

const ACCESS_CASES: ReadonlyArray<readonly [string, string]> = [
  ["volunteers", "list"],
  ["volunteers", "show"],
  ["volunteers", "create"],
  ["volunteers", "edit"],
  ["volunteers", "delete"],
  ["volunteers", "export"],
  ["users", "list"],
  ["users", "edit"],
  ["experience-reports", "accept"],
  ["experience-reports", "return"],
  ["experience-reports", "edit"],
  ["regions", "edit"],
  ["regions", "list"],
  ["service-hours", "create"],
  ["audit-log", "list"],
  ["certificates", "issue"],
  ["certificates", "edit"]
]

type FirstQueryRender = { data: unknown; isFetching: boolean; status: string }

/** Records what useQuery gives its first render. */
const QueryProbe = ({
  queryKey,
  queryFn,
  firstRenders
}: {
  queryKey: QueryKey
  queryFn: () => Promise<boolean>
  firstRenders: FirstQueryRender[]
}) => {
  const { data, isFetching, status } = useQuery({ queryKey, queryFn })
  if (firstRenders.length === 0) firstRenders.push({ data, isFetching, status })
  return <p>{String(data)}</p>
}

/** Records, render after render, what react-admin's auth hooks answer. */
const AuthHooksProbe = ({ renders }: { renders: Array<Record<string, unknown>> }) => {
  const auth = useAuthState()
  const permissions = usePermissions()
  const identity = useGetIdentity()
  const editVolunteer = useCanAccess({ action: "edit", resource: "volunteers" })
  const listUsers = useCanAccess({ action: "list", resource: "users" })
  renders.push({
    authenticated: auth.authenticated,
    permissions: permissions.permissions,
    identity: identity.identity,
    editVolunteer: editVolunteer.canAccess,
    listUsers: listUsers.canAccess
  })
  return null
}

describe("answerAuthQueriesFromSession", () => {
  it.each(Object.entries(signedIn))("seeds what the default auth provider answers for the %s session", async (_, session) => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, session)
    const provider = realAuthProvider(session)
    const user = session.get()!.user

    const checkAuth = added(queryClient, ["auth", "checkAuth", {}])
    expect(checkAuth.state.data).toBe(true)
    await expect(provider.checkAuth({})).resolves.toBeUndefined()

    const permissions = added(queryClient, ["auth", "getPermissions", {}])
    expect(permissions.state.data).toEqual({ role: user.role, regionCode: user.regionCode })
    expect(permissions.state.data).toEqual(await provider.getPermissions!({}))

    const identity = added(queryClient, ["auth", "getIdentity"])
    expect(identity.state.data).toEqual(identityOf(user))
    expect(identity.state.data).toEqual(await provider.getIdentity!())
    expect(identity.state.data).toMatchObject({ id: user.id, fullName: user.displayName })

    for (const [resource, action] of ACCESS_CASES) {
      const query = added(queryClient, canAccessKey(resource, action))
      const expected = await provider.canAccess!({ resource, action })
      expect({ resource, action, seeded: query.state.data }).toEqual({ resource, action, seeded: expected })
      expect(query.state.data).toBe(canAccessFor(sessionPermissions(session), resource, action))
    }
  })

  it("follows the role rules: the viewer reads only, the region admin has no users nor city-only actions", () => {
    const answer = (session: SessionStore, resource: string, action: string, recordId?: string) => {
      const queryClient = new QueryClient()
      answerAuthQueriesFromSession(queryClient, session)
      return added(queryClient, canAccessKey(resource, action, recordId)).state.data
    }
    expect(answer(signedIn.viewer, "volunteers", "list")).toBe(true)
    expect(answer(signedIn.viewer, "volunteers", "show", "1")).toBe(true)
    expect(answer(signedIn.viewer, "volunteers", "edit", "1")).toBe(false)
    expect(answer(signedIn.viewer, "volunteers", "create")).toBe(false)
    expect(answer(signedIn.viewer, "users", "list")).toBe(false)
    expect(answer(signedIn.region, "users", "list")).toBe(false)
    expect(answer(signedIn.region, "experience-reports", "accept")).toBe(false)
    expect(answer(signedIn.region, "volunteers", "edit", "1")).toBe(true)
    expect(answer(signedIn.city, "users", "list")).toBe(true)
    expect(answer(signedIn.city, "experience-reports", "accept")).toBe(true)
    expect(answer(signedIn.city, "audit-log", "delete")).toBe(false)
  })

  it("seeds nothing when signed out", () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, memorySession())
    for (const key of [
      ["auth", "checkAuth", {}],
      ["auth", "getPermissions", {}],
      ["auth", "getIdentity"],
      canAccessKey("volunteers", "list")
    ]) {
      const query = added(queryClient, key)
      expect({ key, data: query.state.data, status: query.state.status }).toEqual({ key, data: undefined, status: "pending" })
    }
  })

  it("reads the session when a question is first asked, not when installed", () => {
    const session = memorySession()
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, session)
    expect(added(queryClient, ["auth", "checkAuth", { a: 1 }]).state.data).toBeUndefined()
    session.set({ token: "t", user: users.viewer })
    expect(added(queryClient, ["auth", "checkAuth", { a: 2 }]).state.data).toBe(true)
    expect(added(queryClient, canAccessKey("volunteers", "edit")).state.data).toBe(false)
    session.set(null)
    expect(added(queryClient, ["auth", "checkAuth", { a: 3 }]).state.data).toBeUndefined()
    expect(added(queryClient, ["auth", "getIdentity"]).state.data).toBeUndefined()
  })

  it("leaves other questions and other canAccess shapes to the auth provider", () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, signedIn.city)
    const notSeeded: QueryKey[] = [
      ["auth", "handleCallback"],
      ["auth", "somethingElse", {}],
      ["volunteers", "getList", { pagination: { page: 1, perPage: 25 } }],
      ["checkAuth"],
      // useCanAccessResources: several resources at once.
      ["auth", "canAccess", ["volunteers", "activities"], "list", undefined],
      ["auth", "canAccess", { action: "list" }],
      ["auth", "canAccess", { resource: "volunteers" }],
      ["auth", "canAccess", { action: "list", resource: ["volunteers"] }],
      ["auth", "canAccess", null],
      ["auth", "canAccess"]
    ]
    for (const key of notSeeded) expect({ key, data: added(queryClient, key).state.data }).toEqual({ key, data: undefined })
  })

  it("seeds stale answers, so react-query still asks the auth provider and its answer wins", async () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, signedIn.city)
    const query = added(queryClient, ["auth", "getPermissions", {}])
    expect(query.state.dataUpdatedAt).toBe(0)
    // usePermissions' and useGetIdentity's staleTime: five minutes.
    expect(query.isStaleByTime(5 * 60 * 1000)).toBe(true)
    expect(added(queryClient, canAccessKey("volunteers", "list")).isStaleByTime(0)).toBe(true)

    const fresh = { ...identityOf(users.city), fullName: "新名字" }
    const queryFn = vi.fn(async () => fresh)
    await expect(queryClient.fetchQuery({ queryKey: ["auth", "getIdentity"], queryFn, staleTime: 5 * 60 * 1000 })).resolves.toEqual(fresh)
    expect(queryFn).toHaveBeenCalledTimes(1)
    expect(queryClient.getQueryData(["auth", "getIdentity"])).toEqual(fresh)
    expect(queryClient.getQueryState(["auth", "getIdentity"])!.dataUpdatedAt).toBeGreaterThan(0)
  })

  it("does not overwrite data the caller puts in a new query", () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, signedIn.city)
    queryClient.setQueryData(["auth", "getIdentity"], { id: "x", fullName: "别人" })
    expect(queryClient.getQueryData(["auth", "getIdentity"])).toEqual({ id: "x", fullName: "别人" })
  })

  it("stops seeding once unsubscribed", () => {
    const queryClient = new QueryClient()
    const stop = answerAuthQueriesFromSession(queryClient, signedIn.city)
    expect(added(queryClient, ["auth", "checkAuth", { n: 1 }]).state.data).toBe(true)
    stop()
    expect(added(queryClient, ["auth", "checkAuth", { n: 2 }]).state.data).toBeUndefined()
  })

  it("keeps one listener per client: installing again replaces the session, and only the last disposer removes it", () => {
    const queryClient = new QueryClient()
    const city = sessionOf(users.city)
    const viewer = sessionOf(users.viewer)
    const stopCity = answerAuthQueriesFromSession(queryClient, city)
    const stopViewer = answerAuthQueriesFromSession(queryClient, viewer)
    expect(added(queryClient, ["auth", "getPermissions", { n: 1 }]).state.data).toEqual(sessionPermissions(viewer))
    // The first disposer is outdated: the second install (another session) keeps seeding.
    stopCity()
    expect(added(queryClient, ["auth", "getPermissions", { n: 2 }]).state.data).toEqual(sessionPermissions(viewer))
    expect(added(queryClient, canAccessKey("users", "list")).state.data).toBe(false)
    expect(queryClient.getQueryCache().hasListeners()).toBe(true)
    stopViewer()
    expect(added(queryClient, ["auth", "getPermissions", { n: 3 }]).state.data).toBeUndefined()
    expect(added(queryClient, ["auth", "getIdentity"]).state.data).toBeUndefined()
    expect(queryClient.getQueryCache().hasListeners()).toBe(false)
    // Disposing again is harmless.
    stopCity()
    stopViewer()
    expect(added(queryClient, ["auth", "checkAuth", {}]).state.data).toBeUndefined()
  })

  it("seeds each new query once however often it was installed", () => {
    const queryClient = new QueryClient()
    const sessions = [users.city, users.region, users.viewer, users.city, users.region].map(sessionOf)
    const stops = sessions.map((session) => answerAuthQueriesFromSession(queryClient, session))
    const setQueryData = vi.spyOn(queryClient, "setQueryData")
    expect(added(queryClient, ["auth", "getPermissions", {}]).state.data).toEqual(sessionPermissions(sessions[4]!))
    expect(setQueryData).toHaveBeenCalledTimes(1)
    expect(added(queryClient, ["auth", "checkAuth", {}]).state.data).toBe(true)
    expect(setQueryData).toHaveBeenCalledTimes(2)
    // Only the last install's disposer removes the one listener.
    for (const stop of stops.slice(0, 4)) stop()
    expect(added(queryClient, ["auth", "getIdentity"]).state.data).toEqual(identityOf(users.region))
    expect(setQueryData).toHaveBeenCalledTimes(3)
    stops[4]!()
    expect(added(queryClient, canAccessKey("volunteers", "list")).state.data).toBeUndefined()
    expect(setQueryData).toHaveBeenCalledTimes(3)
    expect(queryClient.getQueryCache().hasListeners()).toBe(false)
  })

  it("leaves keys with extra parts to the auth provider", () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, signedIn.city)
    const notSeeded: QueryKey[] = [
      ["auth", "getIdentity", "z"],
      ["auth", "checkAuth", {}, "x"],
      ["auth", "getPermissions", {}, 1],
      ["auth", "canAccess", { action: "list", resource: "volunteers" }, "x"],
      ["auth", "canAccess", ["volunteers", "activities"]],
      // An array that even carries an action and a resource is not useCanAccess's key.
      ["auth", "canAccess", Object.assign(["volunteers"], { action: "list", resource: "volunteers" })]
    ]
    for (const key of notSeeded) expect({ key, data: added(queryClient, key).state.data }).toEqual({ key, data: undefined })
    // The exact keys still are.
    expect(added(queryClient, ["auth", "getIdentity"]).state.data).toEqual(identityOf(users.city))
    expect(added(queryClient, ["auth", "checkAuth", {}]).state.data).toBe(true)
    expect(added(queryClient, ["auth", "getPermissions", {}]).state.data).toEqual(sessionPermissions(signedIn.city))
    expect(added(queryClient, canAccessKey("volunteers", "list")).state.data).toBe(true)
  })

  it("gives useQuery its answer in the first render while the fetch still runs", () => {
    const queryClient = new QueryClient()
    answerAuthQueriesFromSession(queryClient, signedIn.viewer)
    const queryFn = vi.fn(() => new Promise<boolean>(() => {}))
    const firstRenders: FirstQueryRender[] = []
    render(
      <QueryClientProvider client={queryClient}>
        <QueryProbe queryKey={canAccessKey("volunteers", "edit", "1")} queryFn={queryFn} firstRenders={firstRenders} />
      </QueryClientProvider>
    )
    expect(firstRenders).toEqual([{ data: false, isFetching: true, status: "success" }])
    expect(screen.getByText("false")).toBeTruthy()
    expect(queryFn).toHaveBeenCalledTimes(1)
  })

  it("answers react-admin's own auth hooks in their first render", async () => {
    const queryClient = new QueryClient()
    const session = sessionOf(users.region)
    answerAuthQueriesFromSession(queryClient, session)
    const me = vi.fn(() => new Promise<never>(() => {}))
    const authProvider = createAuthProvider({ apiUrl: "/api", session, httpClient: me })
    const renders: Array<Record<string, unknown>> = []
    render(
      <CoreAdminContext authProvider={authProvider} queryClient={queryClient} store={memoryStore()}>
        <AuthHooksProbe renders={renders} />
      </CoreAdminContext>
    )
    expect(renders[0]).toEqual({
      authenticated: true,
      permissions: { role: "region-admin", regionCode: "320902" },
      identity: identityOf(users.region),
      editVolunteer: true,
      listUsers: false
    })
    // Still asked: getIdentity goes to /me (which never answers here).
    await waitFor(() => expect(me).toHaveBeenCalledWith("/api/auth/me"))
  })
})

describe("YinfaAdmin's first list", () => {
  it("shows the volunteers with the default auth provider while /api/auth/me has not answered", async () => {
    const requests: string[] = []
    vi.stubGlobal("fetch", (url: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? "GET"} ${url}`)
      // /me hangs: the list must not wait for it.
      return new Promise<Response>(() => {})
    })
    const base = fakeDataProvider()
    const listed: string[] = []
    const dataProvider = {
      ...base,
      getList: (resource: string, params: any) => {
        listed.push(resource)
        return base.getList(resource, params)
      }
    }
    // A wide screen: react-admin's user menu shows the identity's name from the `sm` breakpoint up.
    vi.spyOn(window, "matchMedia").mockImplementation(
      (query: string) => ({ ...matchMediaStub, matches: query.includes("min-width"), media: query }) as MediaQueryList
    )
    window.location.hash = "#/volunteers"
    render(
      <YinfaAdmin
        session={memorySession({ token: "t", user: users.city })}
        store={freshStore()}
        dataProvider={dataProvider as typeof base}
      />
    )
    expect(await screen.findByText("王建国")).toBeTruthy()
    expect(screen.getByText("李秀英")).toBeTruthy()
    // The seeded identity is shown although /me never answered, and the provider was still asked.
    expect(screen.getAllByText("市局管理员").length).toBeGreaterThan(0)
    await waitFor(() => expect(requests).toContain("GET /api/auth/me"))
    expect(requests.every((r) => r === "GET /api/auth/me")).toBe(true)
    // The stale seeds do not make the list ask twice when the auth provider confirms them.
    await new Promise((r) => setTimeout(r, 300))
    expect(listed.filter((r) => r === "volunteers").length).toBe(1)
    // City admins see user management.
    expect(await screen.findByRole("menuitem", { name: /用户/ })).toBeTruthy()
  })

  it("installs the session answers on a host's queryClient only for the default auth provider", () => {
    window.location.hash = "#/volunteers"
    const session = memorySession({ token: "t", user: users.viewer })
    vi.stubGlobal("fetch", () => new Promise<Response>(() => {}))

    const withDefault = new QueryClient()
    const first = render(<YinfaAdmin session={session} queryClient={withDefault} store={freshStore()} dataProvider={fakeDataProvider()} />)
    expect(added(withDefault, ["auth", "getPermissions", { probe: 1 }]).state.data).toEqual({ role: "viewer", regionCode: "320902" })
    first.unmount()

    const withCustom = new QueryClient()
    render(
      <YinfaAdmin
        session={session}
        queryClient={withCustom}
        authProvider={fakeAuthProvider(users.viewer)}
        store={freshStore()}
        dataProvider={fakeDataProvider()}
      />
    )
    expect(added(withCustom, ["auth", "getPermissions", { probe: 1 }]).state.data).toBeUndefined()
    expect(added(withCustom, canAccessKey("volunteers", "list")).state.data).toBeUndefined()
  })
})

describe("YinfaAdmin's session answers on a host's queryClient", () => {
  /** Asks react-query's questions afresh: react-admin's own queries are dropped first. */
  const seededAnew = (queryClient: QueryClient) => {
    queryClient.removeQueries({ queryKey: ["auth"] })
    return {
      identity: added(queryClient, ["auth", "getIdentity"]).state.data,
      checkAuth: added(queryClient, ["auth", "checkAuth", {}]).state.data,
      permissions: added(queryClient, ["auth", "getPermissions", {}]).state.data,
      listUsers: added(queryClient, canAccessKey("users", "list")).state.data
    }
  }
  /**
   * Re-renders and waits for it: testing-library's rerender alone returns here before React has
   * rendered the new props (the app suspends). Its act, not React's, marks the scope as a test's.
   */
  const rerendered = async (view: ReturnType<typeof render>, ui: ReactNode) => {
    await testingAct(async () => {
      view.rerender(ui)
    })
  }
  const unseeded = { identity: undefined, checkAuth: undefined, permissions: undefined, listUsers: undefined }
  const hostProps = () => {
    window.location.hash = "#/volunteers"
    vi.stubGlobal("fetch", () => new Promise<Response>(() => {}))
    return { queryClient: new QueryClient(), store: freshStore(), dataProvider: fakeDataProvider() }
  }

  it("stops seeding once YinfaAdmin is unmounted", () => {
    const props = hostProps()
    const session = sessionOf(users.city)
    const view = render(<YinfaAdmin session={session} {...props} />)
    expect(seededAnew(props.queryClient)).toEqual({
      identity: identityOf(users.city),
      checkAuth: true,
      permissions: sessionPermissions(session),
      listUsers: true
    })
    view.unmount()
    expect(seededAnew(props.queryClient)).toEqual(unseeded)
    expect(props.queryClient.getQueryCache().hasListeners()).toBe(false)
  })

  it("answers from the session of the last render: signed out, nothing is seeded", async () => {
    const props = hostProps()
    const view = render(<YinfaAdmin session={sessionOf(users.city)} {...props} />)
    expect(seededAnew(props.queryClient).listUsers).toBe(true)
    const viewer = sessionOf(users.viewer)
    await rerendered(view, <YinfaAdmin session={viewer} {...props} />)
    expect(seededAnew(props.queryClient)).toEqual({
      identity: identityOf(users.viewer),
      checkAuth: true,
      permissions: sessionPermissions(viewer),
      listUsers: false
    })
    await rerendered(view, <YinfaAdmin session={memorySession()} {...props} />)
    // No stale city-admin (nor viewer) answers.
    expect(seededAnew(props.queryClient)).toEqual(unseeded)
  })

  it("stops seeding when a custom authProvider is passed on a re-render", async () => {
    const props = hostProps()
    const session = sessionOf(users.city)
    const view = render(<YinfaAdmin session={session} {...props} />)
    expect(seededAnew(props.queryClient).permissions).toEqual(sessionPermissions(session))
    await rerendered(view, <YinfaAdmin session={session} authProvider={fakeAuthProvider(users.city)} {...props} />)
    expect(seededAnew(props.queryClient)).toEqual(unseeded)
  })
})
