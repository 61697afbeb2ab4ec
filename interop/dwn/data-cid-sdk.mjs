// The reference side of Cairn's record-data tests: for each size on stdin ({sizes:[...]}), the dataCid
// dwn-sdk-js 0.5.2 computes (Cid.computeDagPbCidFromStream) and the dataSize its DataStoreLevel reports,
// for the deterministic content byte[i] = (i * 31 + (i >>> 8)) & 0xff, streamed in 64 KiB pieces.
import { readFileSync, rmSync } from 'node:fs'
import { Readable } from 'node:stream'
import { Cid, DataStoreLevel } from '@tbd54566975/dwn-sdk-js'

const dir = process.argv[2]
const { sizes } = JSON.parse(readFileSync(0, 'utf8'))
const content = (size) => Readable.from((function * () {
  for (let offset = 0; offset < size; offset += 65536) {
    const piece = new Uint8Array(Math.min(65536, size - offset))
    for (let j = 0; j < piece.length; j++) { const i = offset + j; piece[j] = (i * 31 + (i >>> 8)) & 0xff }
    yield piece
  }
})())
rmSync(dir, { recursive: true, force: true })
const store = new DataStoreLevel({ blockstoreLocation: dir })
await store.open()
const results = []
for (const size of sizes) {
  const dataCid = await Cid.computeDagPbCidFromStream(content(size))
  const { dataSize } = await store.put('did:example:alice', 'record' + size, dataCid, content(size))
  results.push({ size, dataCid, dataSize })
}
await store.close()
rmSync(dir, { recursive: true, force: true })
console.log(JSON.stringify(results))
