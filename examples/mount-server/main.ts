import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { makeYinfaHandler, type StoreOption } from "@yinfa/server"

/**
 * A host service of its own (here: one route, /hello) that mounts the whole yinfa API and
 * dashboard under /yinfa. The host keeps its routing; yinfa sees requests without the prefix.
 */
export const startHost = async (options: { port?: number; store?: StoreOption } = {}) => {
  const yinfa = await makeYinfaHandler({
    basePath: "/yinfa",
    store: options.store ?? { kind: "sqlite", filename: "./data/mount-example.db" },
    config: { volunteerNumberPrefix: "YC" },
    log: false
  })
  const server: Server = createServer((req, res) => {
    if (req.url === "/yinfa" || req.url?.startsWith("/yinfa/") || req.url?.startsWith("/yinfa?")) return yinfa.handler(req, res)
    if (req.url === "/hello") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ hello: "from the host service" }))
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await yinfa.close()
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const host = await startHost({ port: Number(process.env.PORT ?? 3000) })
  console.log(`host: ${host.url}/hello · yinfa: ${host.url}/yinfa/healthz`)
}
