// The reference side of Cairn's store differential tests: dwn-sdk-js 0.5.2's MessageStoreLevel and
// EventLogLevel, fed the messages, indexes and queries on stdin (one JSON document), printing what they answer.
//
//   node store-sdk.mjs DIR < {messages:[{tenant,message,indexes}], queries:[{tenant,filters,sort,limit,cursor}],
//                            eventFilters:[{tenant,filters}]}
//
// For every message: its CID (Message.getCid). For every query: each page, following the store's own
// cursor until none is returned (at most 50 pages). Event log: the messages are appended in two halves;
// each event filter is queried after the first half and again, from its own cursor, after the second.
import { readFileSync, rmSync, mkdirSync } from 'node:fs'
import { EventLogLevel, Message, MessageStoreLevel } from '@tbd54566975/dwn-sdk-js'

const dir = process.argv[2]
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
const input = JSON.parse(readFileSync(0, 'utf8'))
const store = new MessageStoreLevel({ blockstoreLocation: dir + '/blocks', indexLocation: dir + '/index' })
const events = new EventLogLevel({ location: dir + '/events' })
await store.open()
await events.open()

const cids = []
for (const { tenant, message, indexes } of input.messages) {
  await store.put(tenant, message, indexes)
  cids.push(await Message.getCid(message))
}

const outcome = async (work) => {
  try { return await work() } catch (e) { return { error: String(e.code ?? e.message) } }
}
const queries = []
for (const { tenant, filters, sort, limit, cursor } of input.queries) {
  const pages = []
  let next = cursor ?? undefined
  for (let page = 0; page < 50; page++) {
    const pagination = limit === undefined && next === undefined ? undefined : { limit, cursor: next }
    const result = await outcome(async () => {
      const { messages, cursor: returned } = await store.query(tenant, filters, sort, pagination)
      return { messages: await Promise.all(messages.map((m) => Message.getCid(m))), cursor: returned ?? null }
    })
    pages.push(result)
    if (result.error || !result.cursor || limit === undefined) break
    next = result.cursor
  }
  queries.push(pages)
}

const half = Math.floor(input.messages.length / 2)
const eventPages = input.eventFilters.map(() => [])
const cursors = input.eventFilters.map(() => undefined)
for (const [from, to] of [[0, half], [half, input.messages.length]]) {
  for (let i = from; i < to; i++) await events.append(input.messages[i].tenant, cids[i], input.messages[i].indexes)
  for (let f = 0; f < input.eventFilters.length; f++) {
    const { tenant, filters } = input.eventFilters[f]
    const { events: found, cursor } = await events.queryEvents(tenant, filters, cursors[f])
    eventPages[f].push(found)
    if (cursor) cursors[f] = cursor
  }
}
await store.close()
await events.close()
rmSync(dir, { recursive: true, force: true })
console.log(JSON.stringify({ cids, queries, events: eventPages }))
