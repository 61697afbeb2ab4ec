// Helia's importer (ipfs-unixfs-importer) on a file, for Cairn's add benchmark.
// Usage: node bench-import.mjs FILE PROFILE(kubo|unixfs-v1-2025) STORE(memory|fs:/dir)
// Prints {"ms": <elapsed>, "root": "<cid>"}.
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { MemoryBlockstore } from 'blockstore-core/memory'
import { FsBlockstore } from 'blockstore-fs'
import fs from 'node:fs'

const [file, profile, store] = process.argv.slice(2)
const options = profile === 'kubo'
  ? { cidVersion: 0, rawLeaves: false, chunker: fixedSize({ chunkSize: 262144 }), layout: balanced({ maxChildrenPerNode: 174 }) }
  : { cidVersion: 1, rawLeaves: true, chunker: fixedSize({ chunkSize: 1048576 }), layout: balanced({ maxChildrenPerNode: 1024 }) }
let blockstore
if (store === 'memory') {
  blockstore = new MemoryBlockstore()
} else {
  blockstore = new FsBlockstore(store.slice(3))
  await blockstore.open()
}
const start = process.hrtime.bigint()
let root
for await (const entry of importer([{ path: 'f', content: fs.createReadStream(file, { highWaterMark: 1 << 20 }) }], blockstore, options)) root = entry.cid
const ms = Number(process.hrtime.bigint() - start) / 1e6
if (store !== 'memory') await blockstore.close()
process.stdout.write(JSON.stringify({ ms, root: root.toString() }) + '\n')
