// Helia (@helia/car + @helia/unixfs on an offline Helia node, memory blockstore) for Cairn's CAR
// interop tests (io.cairn.ipfs.car.CarInteropTest). One JSON request per line (see lines.mjs):
//   {"op": "import", "car": "/path.car", "root": "<cid>", "out": "/path"}
//      re-hashes every block of the CAR against its CID (@ipld/car reader + multiformats hashers),
//      imports the CAR into Helia, then reads the file `root` back through @helia/unixfs into `out`
//      -> {"roots": ["<cid>"...], "blocks": ["<cid>"... in CAR order]}
//   {"op": "export", "file": "/path", "car": "/out.car", "options": {...}?}
//      adds the file with @helia/unixfs (Helia's defaults, or the given importer options:
//      cidVersion, rawLeaves, chunkSize, maxChildrenPerNode) and exports its DAG as a CARv1
//      -> {"root": "<cid>", "blocks": ["<cid>"... in CAR order]}
import { createHelia } from 'helia'
import { car } from '@helia/car'
import { unixfs } from '@helia/unixfs'
import { CarReader } from '@ipld/car'
import { CID } from 'multiformats/cid'
import { sha256, sha512 } from 'multiformats/hashes/sha2'
import { identity } from 'multiformats/hashes/identity'
import { equals } from 'multiformats/bytes'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { serveLines } from './lines.mjs'

const hashers = new Map([sha256, sha512, identity].map(h => [h.code, h]))
const helia = await createHelia({ start: false })
const cars = car(helia)
const fsys = unixfs(helia)

async function verifiedBlockCids (reader) {
  const cids = []
  for await (const { cid, bytes } of reader.blocks()) {
    const hasher = hashers.get(cid.multihash.code)
    if (hasher == null) throw new Error(`block ${cid}: unsupported multihash 0x${cid.multihash.code.toString(16)}`)
    const digest = await hasher.digest(bytes)
    if (!equals(digest.bytes, cid.multihash.bytes)) throw new Error(`block ${cid}: bytes do not match the CID`)
    cids.push(cid.toString())
  }
  return cids
}

function addOptions (o) {
  if (o == null) return {}
  return {
    cidVersion: o.cidVersion,
    rawLeaves: o.rawLeaves,
    chunker: fixedSize({ chunkSize: o.chunkSize }),
    layout: balanced({ maxChildrenPerNode: o.maxChildrenPerNode })
  }
}

async function blockCidsOf (carFile) {
  const reader = await CarReader.fromIterable(fs.createReadStream(carFile))
  return verifiedBlockCids(reader)
}

async function handle (req) {
  if (req.op === 'import') {
    const reader = await CarReader.fromIterable(fs.createReadStream(req.car))
    const blocks = await verifiedBlockCids(reader)
    await cars.import(reader)
    const roots = (await reader.getRoots()).map(String)
    await pipeline(Readable.from(fsys.cat(CID.parse(req.root), { offline: true })), fs.createWriteStream(req.out))
    return { roots, blocks }
  }
  if (req.op === 'export') {
    const root = await fsys.addByteStream(fs.createReadStream(req.file, { highWaterMark: 1 << 20 }), addOptions(req.options))
    await pipeline(Readable.from(cars.export(root, { offline: true })), fs.createWriteStream(req.car))
    return { root: root.toString(), blocks: await blockCidsOf(req.car) }
  }
  throw new Error('unknown op ' + req.op)
}

await serveLines(handle)
await helia.stop()
