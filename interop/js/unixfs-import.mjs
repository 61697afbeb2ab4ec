// Reference UnixFS importer (ipfs-unixfs-importer, as used by Helia) for Cairn's interop tests.
// Reads one JSON request per line on stdin and answers one JSON line on stdout (or, given a path as
// its first argument, answers that one request; see the end of this file):
//   {"path": "/abs/file-or-dir", "options": {cidVersion, rawLeaves, chunkSize, maxChildrenPerNode} | {"profile": name},
//    (profile: the importer's own "unixfs-v0-2015" / "unixfs-v1-2025", or "helia" for @helia/unixfs's addAll defaults)
//    "withBytes": true|false, "length": N (optional: only the first N bytes of a file)}
// ->{"root": "<cid>", "blocks": {"<cid>": "<hex bytes>" | ""}}   (hex only when withBytes)
import { importer } from 'ipfs-unixfs-importer'
import { unixfs } from '@helia/unixfs'
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
  if (o.profile != null) return { profile: o.profile }
  return {
    cidVersion: o.cidVersion,
    rawLeaves: o.rawLeaves,
    chunker: fixedSize({ chunkSize: o.chunkSize }),
    layout: balanced({ maxChildrenPerNode: o.maxChildrenPerNode })
  }
}

// length (optional): import only the file's first `length` bytes
function * entries (root, length) {
  const base = path.basename(root)
  const stat = fs.statSync(root)
  if (!stat.isDirectory()) {
    if (length === 0) yield { path: base, content: new Uint8Array(0) }
    else yield { path: base, content: fs.createReadStream(root, { highWaterMark: 1 << 20, end: length == null ? undefined : length - 1 }) }
    return
  }
  function * walk (abs, rel) {
    const names = fs.readdirSync(abs)
    if (names.length === 0) yield { path: rel }
    for (const name of names) {
      const a = path.join(abs, name)
      const r = rel + '/' + name
      if (fs.lstatSync(a).isSymbolicLink()) yield { path: r, link: fs.readlinkSync(a) }
      else if (fs.statSync(a).isDirectory()) yield * walk(a, r)
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
  // "helia": Helia's own add (@helia/unixfs addAll with no options), so its defaults are whatever it ships
  const added$ = req.options.profile === 'helia'
    ? unixfs({ blockstore }).addAll(entries(req.path, req.length))
    : importer(entries(req.path, req.length), blockstore, importerOptions(req.options))
  for await (const entry of added$) {
    added.push({ path: entry.path, cid: entry.cid.toString() })
    if (entry.path === path.basename(req.path) || !isDir) root = entry.cid
  }
  const blocks = {}
  for await (const { cid, bytes } of blockstore.getAll()) {
    blocks[rawForm(cid)] = req.withBytes ? (await toBuffer(bytes)).toString('hex') : ''
  }
  return { root: root.toString(), added, blocks }
}

if (process.argv[2] != null) {
  // one shot, for a person: node unixfs-import.mjs PATH ['{"profile":"helia"}' | '{"cidVersion":0,...}'] [--bytes]
  const options = JSON.parse(process.argv[3] ?? '{"profile":"helia"}')
  const reply = await handle({ path: process.argv[2], options, withBytes: process.argv.includes('--bytes') })
  process.stdout.write(JSON.stringify(reply) + '\n')
} else {
  await serveLines(handle)
}
