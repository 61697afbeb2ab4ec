// A long-running dwn-sdk-js 0.5.2 for Cairn's differential tests (Java side: io.cairn.dwn.interop.SdkPeer).
//
//   node sdk-peer.mjs
//
// Speaks the line protocol of interop/js/lines.mjs: one JSON request per line on stdin, one JSON reply
// per line on stdout, {"error": "..."} on failure. The SDK's own Dwn runs in-process on its Level stores
// in a fresh temporary folder (deleted at exit) with an EventEmitterStream, so subscriptions work.
// Requests ("op" selects one; README.md in this folder has the full reference):
//   persona {name, algorithm?}              did:key persona (Ed25519 by default, or "secp256k1")
//   call    {target, args?, save?}          await SDK_EXPORT.method(...args) or SAVED.method(...args)
//   create  {type, options?, save?}         await type.create(options), e.g. type "RecordsWrite"
//   new     {type, args?, save?}            new type(...args), opened if it has open(), e.g. an EventLogLevel
//   process {tenant, message, data?, save?} Dwn.processMessage; subscribes when the message is a Subscribe
//   events  {subscription, count?, timeoutMs?}  events a subscription received so far (waits for count)
//   unsubscribe {subscription}              closes a subscription
//   get     {ref}                           a saved value
//   reset   {}                              a fresh, empty Dwn (personas and saved values are kept)
// Arguments may hold references, resolved before the call: {"$signer": persona}, {"$persona": persona},
// {"$bytes": base64}, {"$stream": base64} (a Readable), {"$ref": "saved.path.to.value"},
// {"$tempdir": name} (a folder path inside the peer's temporary folder, for a store's location).
// Results are JSON: Uint8Array as {"$bytes": base64}, a class instance with a `message` as
// {"message": ...} plus its plain fields, functions and streams dropped.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import readline from 'node:readline'
import * as sdk from '@tbd54566975/dwn-sdk-js'
import { DidDht, DidJwk, DidKey, DidResolverCacheLevel, DidWeb, UniversalResolver } from '@web5/dids'

const {
  DataStoreLevel, DataStream, Dwn, EventEmitterStream, EventLogLevel, MessageStoreLevel,
  PrivateKeySigner, ResumableTaskStoreLevel
} = sdk

const root = mkdtempSync(join(tmpdir(), 'cairn-sdk-peer-'))
const cleanUp = () => rmSync(root, { recursive: true, force: true })
process.on('exit', cleanUp)

const personas = new Map()
const saved = new Map()
const subscriptions = new Map() // id -> { events: [], close, waiters: [] }
let generation = 0
let dwn = await openDwn()

async function openDwn () {
  const dir = join(root, String(generation++))
  return Dwn.create({
    didResolver: new UniversalResolver({
      didResolvers: [DidDht, DidJwk, DidKey, DidWeb],
      cache: new DidResolverCacheLevel({ location: join(dir, 'resolver') })
    }),
    messageStore: new MessageStoreLevel({ blockstoreLocation: join(dir, 'msg-blocks'), indexLocation: join(dir, 'msg-index') }),
    dataStore: new DataStoreLevel({ blockstoreLocation: join(dir, 'data') }),
    eventLog: new EventLogLevel({ location: join(dir, 'events') }),
    resumableTaskStore: new ResumableTaskStoreLevel({ location: join(dir, 'tasks') }),
    eventStream: new EventEmitterStream()
  })
}

const ops = {
  async persona ({ name, algorithm }) {
    requireName(name)
    const did = await DidKey.create(algorithm ? { options: { algorithm } } : undefined)
    const signingMethod = await DidKey.getSigningMethod({ didDocument: did.document })
    const portable = await did.export()
    const privateJwk = portable.privateKeys[0]
    const persona = {
      did: did.uri,
      keyId: signingMethod.id,
      keyPair: { publicJwk: signingMethod.publicKeyJwk, privateJwk },
      signer: new PrivateKeySigner({ privateJwk, algorithm: privateJwk.alg, keyId: signingMethod.id })
    }
    personas.set(name, persona)
    return { name, did: persona.did, keyId: persona.keyId, publicJwk: persona.keyPair.publicJwk, privateJwk }
  },

  async call ({ target, args = [], save }) {
    const { owner, method } = resolveTarget(target)
    const result = await owner[method](...resolve(args))
    if (save) saved.set(save, result)
    return { result: await toWire(result) }
  },

  async new ({ type, args = [], save }) {
    const Type = sdk[type]
    if (typeof Type !== 'function') throw new Error('no class ' + type + ' exported by dwn-sdk-js')
    const instance = new Type(...resolve(args))
    if (typeof instance.open === 'function') await instance.open()
    if (save) saved.set(save, instance)
    return { result: { type, saved: save ?? null } } // a store's fields are not data
  },

  async create ({ type, options = {}, save }) {
    return ops.call({ target: type + '.create', args: [options], save })
  },

  async process ({ tenant, message, data, save }) {
    const raw = resolve(message)
    const msg = raw?.message !== undefined && raw?.descriptor === undefined ? raw.message : raw
    const options = {}
    if (data !== undefined && data !== null) options.dataStream = DataStream.fromBytes(Buffer.from(data, 'base64'))
    let subscription
    if (msg?.descriptor?.method === 'Subscribe') {
      subscription = { events: [], waiters: [] }
      options.subscriptionHandler = (event) => {
        // a copy as delivered: the SDK goes on mutating the objects it emitted (it drops an initial
        // write's encodedData after a delete), while dwn-server serializes each event when it arrives
        subscription.events.push(structuredClone(event))
        subscription.waiters = subscription.waiters.filter((w) => !w())
      }
    }
    const reply = await dwn.processMessage(tenant, msg, options)
    if (save) saved.set(save, reply)
    let dataBase64
    const entryData = reply.entry?.data
    if (entryData) {
      dataBase64 = Buffer.from(await DataStream.toBytes(entryData)).toString('base64')
      delete reply.entry.data
    }
    if (subscription && reply.subscription) {
      subscription.close = reply.subscription.close
      subscriptions.set(reply.subscription.id, subscription)
    }
    const out = { reply: await toWire(reply) }
    if (dataBase64 !== undefined) out.data = dataBase64
    return out
  },

  async events ({ subscription, count = 0, timeoutMs = 5000 }) {
    const sub = subscriptions.get(subscription)
    if (!sub) throw new Error('no open subscription ' + subscription)
    if (sub.events.length < count) {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs)
        sub.waiters.push(() => {
          if (sub.events.length < count) return false
          clearTimeout(timer)
          resolve()
          return true
        })
      })
    }
    return { events: await toWire(sub.events) }
  },

  async unsubscribe ({ subscription }) {
    const sub = subscriptions.get(subscription)
    if (!sub) throw new Error('no open subscription ' + subscription)
    await sub.close()
    subscriptions.delete(subscription)
    return { closed: subscription }
  },

  async get ({ ref }) {
    return { result: await toWire(resolveRef(ref)) }
  },

  async reset () {
    for (const sub of subscriptions.values()) await sub.close?.()
    subscriptions.clear()
    await dwn.close()
    dwn = await openDwn()
    return { reset: true }
  }
}

function requireName (name) {
  if (typeof name !== 'string' || name === '') throw new Error('a persona needs a name')
}

function persona (name) {
  const p = personas.get(name)
  if (!p) throw new Error('no persona named ' + name + ' (create it with op "persona" first)')
  return p
}

// "RecordsWrite.create" (an SDK export) or "savedName.path.method" (a saved value)
function resolveTarget (target) {
  const dot = target.lastIndexOf('.')
  if (dot < 0) throw new Error('a call target is "Owner.method": ' + target)
  const ownerPath = target.slice(0, dot)
  const method = target.slice(dot + 1)
  const owner = ownerPath in sdk ? sdk[ownerPath] : resolveRef(ownerPath)
  if (owner === undefined || typeof owner[method] !== 'function') {
    throw new Error('no function ' + method + ' on ' + ownerPath + ' (neither an export of dwn-sdk-js nor a saved value)')
  }
  return { owner, method }
}

function resolveRef (ref) {
  const [head, ...path] = ref.split('.')
  if (!saved.has(head)) throw new Error('nothing saved as ' + head)
  let value = saved.get(head)
  for (const key of path) {
    if (value === undefined || value === null) throw new Error('no ' + key + ' in ' + ref)
    value = value[key]
  }
  return value
}

function resolve (value) {
  if (Array.isArray(value)) return value.map(resolve)
  if (value === null || typeof value !== 'object') return value
  if ('$signer' in value) return persona(value.$signer).signer
  if ('$persona' in value) return persona(value.$persona)
  if ('$bytes' in value) return new Uint8Array(Buffer.from(value.$bytes, 'base64'))
  if ('$stream' in value) return DataStream.fromBytes(Buffer.from(value.$stream, 'base64'))
  if ('$ref' in value) return resolveRef(value.$ref)
  if ('$tempdir' in value) return join(root, 'tmp-' + String(value.$tempdir).replace(/[^A-Za-z0-9_-]/g, '_'))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
}

async function toWire (value, seen = new Set()) { // seen: the objects on the path from the root, to cut cycles
  if (value === null || value === undefined) return value
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') }
  if (typeof value === 'function') return undefined
  if (typeof value !== 'object') return value
  if (typeof value.pipe === 'function' || typeof value.getReader === 'function') return undefined // a stream
  if (seen.has(value)) return undefined // a cycle
  seen.add(value)
  try {
    return await plainWire(value, seen)
  } finally {
    seen.delete(value)
  }
}

async function plainWire (value, seen) {
  if (Array.isArray(value)) {
    const out = []
    for (const v of value) out.push(await toWire(v, seen))
    return out
  }
  const out = {}
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null && 'message' in value && !Object.hasOwn(value, 'message')) {
    out.message = await toWire(value.message, seen) // RecordsWrite, ProtocolsConfigure, …: the message is a getter
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('_')) continue
    const wire = await toWire(v, seen)
    if (wire !== undefined) out[k] = wire
  }
  return out
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  if (line.trim() === '') continue
  let reply
  try {
    const request = JSON.parse(line)
    const op = ops[request.op]
    if (!op) throw new Error('unknown op ' + request.op + '; one of ' + Object.keys(ops).join(', '))
    reply = await op(request)
  } catch (e) {
    reply = { error: String(e?.stack ?? e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
for (const sub of subscriptions.values()) await sub.close?.()
await dwn.close()
