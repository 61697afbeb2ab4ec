// Writes a HAMT-sharded UnixFS directory made by the reference importer as a CARv1, for Cairn's
// exporter test. Usage: node unixfs-hamt.mjs OUT.car COUNT  -> prints {"root": "<cid>"}
import { importer } from 'ipfs-unixfs-importer'
import { CarWriter } from '@ipld/car'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

const [out, count] = [process.argv[2], Number(process.argv[3])]
// records each block under the CID the importer gave it (a MemoryBlockstore would hand back raw-codec CIDs)
const blocks = new Map()
const blockstore = { put: async (cid, bytes) => { blocks.set(cid.toString(), { cid, bytes }); return cid }, has: async (cid) => blocks.has(cid.toString()) }
const files = []
for (let i = 0; i < count; i++) files.push({ path: `dir/file-${i}.txt`, content: new TextEncoder().encode(`content of file ${i}`) })
let root
// a threshold of 1 byte makes every directory a HAMT shard
for await (const entry of importer(files, blockstore, { shardSplitThresholdBytes: 1, cidVersion: 1, rawLeaves: true })) {
  if (entry.path === 'dir') root = entry.cid
}
const { writer, out: carOut } = CarWriter.create([root])
const done = pipeline(Readable.from(carOut), fs.createWriteStream(out))
for (const { cid, bytes } of blocks.values()) await writer.put({ cid, bytes })
await writer.close()
await done
process.stdout.write(JSON.stringify({ root: root.toString() }) + '\n')
