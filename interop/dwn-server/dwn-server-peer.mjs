// dwn-server 0.6.1 and the web5 agent's DWN RPC client, for Cairn's differential HTTP tests
// (Java side: io.cairn.node.dwn.DwnServerPeer).
//
//   node dwn-server-peer.mjs
//
// Speaks the line protocol of interop/js/lines.mjs: one JSON request per line on stdin, one JSON reply
// per line on stdout, {"error": "..."} on failure. Requests ("op" selects one):
//   start {}                                 starts @web5/dwn-server 0.6.1 (its own Dwn of dwn-sdk-js 0.5.2 on
//                                            Level stores in a fresh temporary folder, WebSocket on) bound to
//                                            127.0.0.1 on a free port; replies {port}
//   send {dwnUrl, target, message, data?}    @web5/agent's Web5RpcClient.sendDwnRequest (HTTP for http:, the
//                                            WebSocket client for ws:); replies {reply, data?} (RecordsRead
//                                            data read to the end, base64) or {thrown: message}
//   subscribe {dwnUrl, target, message, name}  the same with a subscription handler collecting events as `name`
//   events {name, count?, timeoutMs?}        the events collected so far (waits for count)
//   unsubscribe {name}                       closes a subscription through reply.subscription.close()
//   stop {}                                  stops dwn-server
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import readline from 'node:readline'
import { DwnServer } from '@web5/dwn-server'
import { Web5RpcClient } from '@web5/agent'
import { DidDht, DidJwk, DidKey, DidResolverCacheLevel, DidWeb, UniversalResolver } from '@web5/dids'

// dwn-server logs through console.log; stdout carries the protocol
console.log = (...args) => console.error(...args)

// dwn-server calls server.listen(port), which binds every interface: tests bind loopback only
const listen = http.Server.prototype.listen
http.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === 'number' && typeof rest[0] === 'function') return listen.call(this, port, '127.0.0.1', ...rest)
  return listen.call(this, port, ...rest)
}

const { config: defaultConfig } = await import(new URL('./node_modules/@web5/dwn-server/dist/esm/src/config.js', import.meta.url))

const root = mkdtempSync(join(tmpdir(), 'cairn-dwn-server-'))
process.on('exit', () => rmSync(root, { recursive: true, force: true }))

let server
const client = new Web5RpcClient()
const subscriptions = new Map() // name -> { events, close, waiters }

const ops = {
  async start () {
    const config = {
      ...defaultConfig,
      port: 0,
      logLevel: 'SILENT',
      messageStore: `level://${join(root, 'data')}`,
      dataStore: `level://${join(root, 'data')}`,
      eventLog: `level://${join(root, 'data')}`,
      resumableTaskStore: `level://${join(root, 'data')}`,
      registrationStoreUrl: undefined,
      packageJsonPath: new URL('./node_modules/@web5/dwn-server/package.json', import.meta.url).pathname,
      serverName: '@web5/dwn-server',
      webSocketSupport: true
    }
    const didResolver = new UniversalResolver({
      didResolvers: [DidDht, DidJwk, DidKey, DidWeb],
      cache: new DidResolverCacheLevel({ location: join(root, 'resolver') })
    })
    server = new DwnServer({ config, didResolver })
    await server.start()
    return { port: server.httpServer.address().port }
  },

  async send ({ dwnUrl, target, message, data }) {
    try {
      const reply = await client.sendDwnRequest({
        dwnUrl, targetDid: target, message, data: data === undefined ? undefined : Buffer.from(data, 'base64')
      })
      const stream = reply.entry?.data ?? reply.record?.data
      let bytes
      if (stream) {
        bytes = Buffer.from(await new Response(stream).arrayBuffer()).toString('base64')
        if (reply.entry) delete reply.entry.data
        if (reply.record) delete reply.record.data
      }
      return { reply, data: bytes }
    } catch (e) {
      return { thrown: e.message }
    }
  },

  async subscribe ({ dwnUrl, target, message, name }) {
    const entry = { events: [], waiters: [] }
    subscriptions.set(name, entry)
    const reply = await client.sendDwnRequest({
      dwnUrl,
      targetDid: target,
      message,
      subscriptionHandler: (event) => {
        entry.events.push(event)
        entry.waiters.splice(0).forEach(w => w())
      }
    })
    entry.close = reply.subscription?.close
    const json = JSON.parse(JSON.stringify(reply))
    return { reply: json }
  },

  async events ({ name, count = 0, timeoutMs = 10000 }) {
    const entry = subscriptions.get(name)
    if (!entry) throw new Error(`no subscription ${name}`)
    const deadline = Date.now() + timeoutMs
    while (entry.events.length < count && Date.now() < deadline) {
      await new Promise(resolve => {
        entry.waiters.push(resolve)
        setTimeout(resolve, Math.max(0, deadline - Date.now()))
      })
    }
    return { events: entry.events }
  },

  async unsubscribe ({ name }) {
    const entry = subscriptions.get(name)
    if (entry?.close) await entry.close()
    subscriptions.delete(name)
    return {}
  },

  async stop () {
    if (server) await server.stop()
    server = undefined
    return {}
  }
}

// dwn-server's stop() removes its process handlers; keep exiting cleanly on SIGTERM either way
process.on('SIGTERM', () => process.exit(0))

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
let queue = Promise.resolve()
rl.on('line', line => {
  queue = queue.then(async () => {
    let reply
    try {
      const request = JSON.parse(line)
      const op = ops[request.op]
      if (!op) throw new Error(`unknown op ${request.op}`)
      reply = await op(request)
    } catch (e) {
      reply = { error: e.stack ?? String(e) }
    }
    process.stdout.write(JSON.stringify(reply) + '\n')
  })
})
rl.on('close', async () => {
  await queue
  try { if (server) await server.stop() } catch {}
  process.exit(0)
})
