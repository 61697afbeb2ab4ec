// Writes a CARv2 for Cairn's CarReader (io.cairn.ipfs.car.CarInteropTest). @ipld/car writes only
// CARv1, so the v1 payload comes from @ipld/car's CarWriter and this script frames it as CARv2 per the
// spec: 11-byte pragma, 40-byte header (characteristics, data offset, data size, index offset; little
// endian), PADDING zero bytes, the v1 payload, and optionally a MultihashIndexSorted index (the go-car
// layout). Before printing, the result is read back with @ipld/car's reader (which understands v2).
// Usage: node car-v2.mjs FILE OUT.car PADDING index|noindex
// Prints {"root", "blocks": [cids in payload order], "dataOffset", "dataSize", "indexOffset"}.
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { CarWriter, CarReader } from '@ipld/car'
import fs from 'node:fs'

const [file, out, paddingArg, indexArg] = process.argv.slice(2)
if (file == null || out == null || !/^\d+$/.test(paddingArg ?? '') || !['index', 'noindex'].includes(indexArg)) {
  process.stderr.write('Usage: node car-v2.mjs FILE OUT.car PADDING index|noindex\n')
  process.exit(2)
}
const padding = Number(paddingArg)

// Keeps the blocks in the order the importer writes them, under the CIDs it gives them
// (blockstore-core's MemoryBlockstore keys by multihash and hands back raw-codec CIDs).
class RecordingBlockstore {
  blocks = []
  byCid = new Map()
  async put (cid, bytes) {
    if (!this.byCid.has(cid.toString())) { this.byCid.set(cid.toString(), bytes); this.blocks.push({ cid, bytes }) }
    return cid
  }

  async has (cid) { return this.byCid.has(cid.toString()) }
  async get (cid) { return this.byCid.get(cid.toString()) }
}

const blockstore = new RecordingBlockstore()
let root
const options = { cidVersion: 1, rawLeaves: true, chunker: fixedSize({ chunkSize: 262144 }) }
for await (const entry of importer([{ content: fs.createReadStream(file) }], blockstore, options)) root = entry.cid
const blocks = blockstore.blocks
const { writer, out: v1Out } = CarWriter.create([root])
const chunks = []
const collected = (async () => { for await (const c of v1Out) chunks.push(c) })()
for (const b of blocks) await writer.put(b)
await writer.close()
await collected
const v1 = Buffer.concat(chunks)

function u64 (n) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b }
function u32 (n) { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b }
function varint (n) { const out = []; while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) } out.push(n); return Buffer.from(out) }

// section offsets inside the v1 payload, for the index
function sectionOffsets () {
  let pos = 0
  const readVarint = () => { let v = 0; let shift = 0; let byte; do { byte = v1[pos++]; v += (byte & 0x7f) * 2 ** shift; shift += 7 } while (byte & 0x80); return v }
  const headerLength = readVarint(); pos += headerLength
  const offsets = []
  for (const b of blocks) { offsets.push({ b, offset: pos }); const len = readVarint(); pos += len }
  return offsets
}

function multihashIndexSorted () {
  const byCode = new Map()
  for (const { b, offset } of sectionOffsets()) {
    const code = b.cid.multihash.code
    if (!byCode.has(code)) byCode.set(code, [])
    byCode.get(code).push({ digest: Buffer.from(b.cid.multihash.digest), offset })
  }
  const parts = [varint(0x0401), u32(byCode.size)]
  for (const code of [...byCode.keys()].sort((a, b) => a - b)) {
    const byWidth = new Map()
    for (const e of byCode.get(code)) {
      const width = e.digest.length + 8
      if (!byWidth.has(width)) byWidth.set(width, [])
      byWidth.get(width).push(e)
    }
    parts.push(u64(code), u32(byWidth.size))
    for (const width of [...byWidth.keys()].sort((a, b) => a - b)) {
      const entries = byWidth.get(width).sort((x, y) => Buffer.compare(x.digest, y.digest))
      parts.push(u32(width), u64(width * entries.length))
      for (const e of entries) parts.push(e.digest, u64(e.offset))
    }
  }
  return Buffer.concat(parts)
}

const pragma = Buffer.from([0x0a, 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02])
const dataOffset = pragma.length + 40 + padding
const dataSize = v1.length
const index = indexArg === 'index' ? multihashIndexSorted() : Buffer.alloc(0)
const indexOffset = index.length > 0 ? dataOffset + dataSize : 0
const header = Buffer.concat([Buffer.alloc(16), u64(dataOffset), u64(dataSize), u64(indexOffset)])
const v2 = Buffer.concat([pragma, header, Buffer.alloc(padding), v1, index])

const check = await CarReader.fromBytes(v2)
if (check.version !== 2) throw new Error('@ipld/car reads version ' + check.version)
const readRoots = (await check.getRoots()).map(String)
if (readRoots.length !== 1 || readRoots[0] !== root.toString()) throw new Error('@ipld/car reads roots ' + readRoots)
const readBlocks = []
for await (const { cid } of check.blocks()) readBlocks.push(cid.toString())
if (readBlocks.join() !== blocks.map(b => b.cid.toString()).join()) throw new Error('@ipld/car reads other blocks: ' + readBlocks)

fs.writeFileSync(out, v2)
process.stdout.write(JSON.stringify({ root: root.toString(), blocks: readBlocks, dataOffset, dataSize, indexOffset }) + '\n')
