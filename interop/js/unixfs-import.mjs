// Reference UnixFS importer (ipfs-unixfs-importer, as used by Helia) for Cairn's interop tests.
// Reads one JSON request per line on stdin and answers one JSON line on stdout:
//   {"path": "/abs/file-or-dir", "options": {cidVersion, rawLeaves, chunkSize, maxChildrenPerNode} | {"profile": name},
//    "withBytes": true|false}
// ->{"root": "<cid>", "blocks": {"<cid>": "<hex bytes>" | ""}}   (hex only when withBytes)
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { MemoryBlockstore } from 'blockstore-core/memory'
import fs from 'node:fs'
import path from 'node:path'
import { serveLines } from './lines.mjs'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'

// blocks are keyed by multihash, as the memory blockstore (and Cairn's) keep them
function rawForm (cid) { const c = typeof cid === 'string' ? CID.parse(cid) : cid; return CID.createV1(raw.code, c.multihash).toString() }

function importerOptions (o) {
  if (o.profile === 'helia') {
    // @helia/unixfs's own defaults (commands/add.js): CIDv1, raw leaves, 1 MiB chunks, 1024 links
    return { cidVersion: 1, rawLeaves: true, layout: balanced({ maxChildrenPerNode: 1024 }), chunker: fixedSize({ chunkSize: 1_048_576 }) }
  }
  if (o.profile != null) return { profile: o.profile }
  return {
    cidVersion: o.cidVersion,
    rawLeaves: o.rawLeaves,
    chunker: fixedSize({ chunkSize: o.chunkSize }),
    layout: balanced({ maxChildrenPerNode: o.maxChildrenPerNode })
  }
}

function * entries (root) {
  const base = path.basename(root)
  const stat = fs.statSync(root)
  if (!stat.isDirectory()) {
    yield { path: base, content: fs.createReadStream(root, { highWaterMark: 1 << 20 }) }
    return
  }
  function * walk (abs, rel) {
    const names = fs.readdirSync(abs)
    if (names.length === 0) yield { path: rel }
    for (const name of names) {
      const a = path.join(abs, name)
      const r = rel + '/' + name
      if (fs.statSync(a).isDirectory()) yield * walk(a, r)
      else yield { path: r, content: fs.createReadStream(a, { highWaterMark: 1 << 20 }) }
    }
  }
  yield * walk(root, base)
}

// blockstore-core 7 hands block bytes back as an async iterable of chunks
async function toBuffer (bytes) {
  if (bytes instanceof Uint8Array) return Buffer.from(bytes)
  const parts = []
  for await (const p of bytes) parts.push(p)
  return Buffer.concat(parts)
}

// For inputs too big to keep, record only the CIDs (a CID commits to its block's bytes).
class CidRecordingBlockstore {
  cids = new Set()
  async put (cid) { this.cids.add(cid.toString()); return cid }
  async has (cid) { return this.cids.has(cid.toString()) }
  async * getAll () { for (const c of this.cids) yield { cid: c, bytes: new Uint8Array(0) } }
}

async function handle (req) {
  const blockstore = req.withBytes ? new MemoryBlockstore() : new CidRecordingBlockstore()
  const isDir = fs.statSync(req.path).isDirectory()
  let root
  const added = []
  for await (const entry of importer(entries(req.path), blockstore, importerOptions(req.options))) {
    added.push({ path: entry.path, cid: entry.cid.toString() })
    if (entry.path === path.basename(req.path) || !isDir) root = entry.cid
  }
  const blocks = {}
  for await (const { cid, bytes } of blockstore.getAll()) {
    blocks[rawForm(cid)] = req.withBytes ? (await toBuffer(bytes)).toString('hex') : ''
  }
  return { root: root.toString(), added, blocks }
}

await serveLines(handle)
