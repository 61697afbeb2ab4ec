// The reference side of Cairn's DWN benchmark: dwn-sdk-js 0.5.2 on its LevelDB stores.
//
//   node bench-sdk.mjs --dir DIR --writes N --queries Q --reads R [--warmup W] --out MESSAGES.jsonl
//
// 0. warms up: W more RecordsWrites (default 1,000), processed first in a separate Dwn and written to
//    MESSAGES.jsonl as kind "WarmupWrite", so both sides time compiled code, not their JITs;
// 1. builds N RecordsWrite messages (Ed25519-signed by one did:key author, ~200 B JSON data each,
//    a schema, and a `kind` tag with 10 values), Q RecordsQuery messages (schema + tag filter,
//    newest first, 20 a page) and R RecordsRead messages (random recordIds), all signed by the SDK;
// 2. writes them to MESSAGES.jsonl ({tenant, kind, message, data (base64)}) so Cairn replays exactly
//    the same messages;
// 3. processes them in the SDK's own Dwn and prints one JSON line of figures: write throughput,
//    query and read latency percentiles, and every reply status that was not the expected one.
import { mkdirSync, rmSync, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import {
  DataStoreLevel, DataStream, Dwn, EventLogLevel, Jws, MessageStoreLevel, RecordsQuery, RecordsRead,
  RecordsWrite, ResumableTaskStoreLevel, TestDataGenerator
} from '@tbd54566975/dwn-sdk-js'
import { DidDht, DidJwk, DidKey, DidResolverCacheLevel, DidWeb, UniversalResolver } from '@web5/dids'

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []))
const dir = args.dir ?? '/tmp/cairn-bench-dwn-sdk'
const writes = Number(args.writes ?? 2000)
const queries = Number(args.queries ?? 200)
const reads = Number(args.reads ?? 200)
const warmups = Number(args.warmup ?? 1000)
const out = args.out

const SCHEMA = 'https://cairn.example/schemas/transfer'
const payload = (i) => JSON.stringify({
  asset: 'rgb:' + (i % 97).toString(16).padStart(8, '0'),
  amount: 1000 + i,
  from: 'bc1qsender' + (i % 13),
  to: 'bc1qreceiver' + (i % 17),
  memo: 'transfer number ' + i + ' of the benchmark'.padEnd(80, '.')
})

rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
// what Dwn.create makes when given none, made once: two Dwns in one process cannot both open its cache
const didResolver = new UniversalResolver({
  didResolvers: [DidDht, DidJwk, DidKey, DidWeb],
  cache: new DidResolverCacheLevel({ location: dir + '/RESOLVERCACHE' })
})
const levelDwn = (location) => Dwn.create({
  didResolver,
  messageStore: new MessageStoreLevel({ blockstoreLocation: location + '/msg-blocks', indexLocation: location + '/msg-index' }),
  dataStore: new DataStoreLevel({ blockstoreLocation: location + '/data' }),
  eventLog: new EventLogLevel({ location: location + '/events' }),
  resumableTaskStore: new ResumableTaskStoreLevel({ location: location + '/tasks' })
})
const alice = await TestDataGenerator.generateDidKeyPersona()
const signer = Jws.createSigner(alice)
const sink = out ? createWriteStream(out) : null
const emit = async (line) => { if (sink && !sink.write(JSON.stringify(line) + '\n')) await once(sink, 'drain') }

const built = { writes: [], queries: [], reads: [] }
let t0 = performance.now()
const warmupDwn = await levelDwn(dir + '/warmup')
for (let i = 0; i < warmups; i++) {
  const data = new TextEncoder().encode(payload(writes + i))
  const { message } = await RecordsWrite.create({
    data, dataFormat: 'application/json', schema: SCHEMA, tags: { kind: 'k' + (i % 10) }, signer
  })
  const reply = await warmupDwn.processMessage(alice.did, message, { dataStream: DataStream.fromBytes(data) })
  if (reply.status.code !== 202) throw new Error('warm-up write answered ' + JSON.stringify(reply.status))
  await emit({ tenant: alice.did, kind: 'WarmupWrite', message, data: Buffer.from(data).toString('base64') })
}
const dwn = await levelDwn(dir + '/measured')
for (let i = 0; i < writes; i++) {
  const data = new TextEncoder().encode(payload(i))
  const { message } = await RecordsWrite.create({
    data, dataFormat: 'application/json', schema: SCHEMA, tags: { kind: 'k' + (i % 10) }, signer
  })
  built.writes.push({ message, data })
  await emit({ tenant: alice.did, kind: 'RecordsWrite', message, data: Buffer.from(data).toString('base64') })
}
for (let i = 0; i < queries; i++) {
  const { message } = await RecordsQuery.create({
    filter: { schema: SCHEMA, tags: { kind: 'k' + (i % 10) } },
    dateSort: 'createdDescending', pagination: { limit: 20 }, signer
  })
  built.queries.push(message)
  await emit({ tenant: alice.did, kind: 'RecordsQuery', message })
}
for (let i = 0; i < reads; i++) {
  const target = built.writes[Math.floor(Math.random() * built.writes.length)].message
  const { message } = await RecordsRead.create({ filter: { recordId: target.recordId }, signer })
  built.reads.push(message)
  await emit({ tenant: alice.did, kind: 'RecordsRead', message })
}
if (sink) { sink.end(); await once(sink, 'finish') }
const buildSeconds = (performance.now() - t0) / 1000

const unexpected = []
t0 = performance.now()
for (const { message, data } of built.writes) {
  const reply = await dwn.processMessage(alice.did, message, { dataStream: DataStream.fromBytes(data) })
  if (reply.status.code !== 202) unexpected.push({ kind: 'RecordsWrite', status: reply.status })
}
const writeSeconds = (performance.now() - t0) / 1000

const timed = async (messages, expect, consume) => {
  const latencies = []
  for (const message of messages) {
    const start = performance.now()
    const reply = await dwn.processMessage(alice.did, message)
    if (consume) await consume(reply)
    latencies.push(performance.now() - start)
    if (reply.status.code !== expect) unexpected.push({ kind: message.descriptor.interface + message.descriptor.method, status: reply.status })
  }
  latencies.sort((a, b) => a - b)
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
  return { p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length }
}
const query = await timed(built.queries, 200)
const read = await timed(built.reads, 200, async (reply) => { if (reply.entry?.data) await DataStream.toBytes(reply.entry.data) })
await dwn.close()
await warmupDwn.close()

console.log(JSON.stringify({
  implementation: 'dwn-sdk-js 0.5.2 (Level stores)',
  node: process.version,
  writes,
  buildSeconds,
  writesPerSecond: writes / writeSeconds,
  query,
  read,
  unexpected: unexpected.slice(0, 10),
  unexpectedCount: unexpected.length
}))
