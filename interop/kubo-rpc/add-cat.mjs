// kubo-rpc-client, the reference client of Kubo's RPC API, against a node at argv[2] (an http:// URL):
// adds the file argv[3] as Kubo's defaults (CIDv0) and as CIDv1 with raw leaves and 64 KiB chunks, adds
// a small tree with addAll (wrapped in a directory), cats the file back (whole and a range), puts, gets
// and stats a raw block, and reads the repo's figures.
// Prints one JSON object with the CIDs and the bytes read back (base64).
import { create } from 'kubo-rpc-client'
import { readFile } from 'node:fs/promises'

const [url, file] = process.argv.slice(2)
const ipfs = create({ url })
const data = await readFile(file)

const concat = async (source) => {
  const chunks = []
  for await (const c of source) chunks.push(c)
  return Buffer.concat(chunks)
}

let progressed = 0
const v0 = await ipfs.add(data, { progress: (bytes) => { progressed = bytes } })
const v1 = await ipfs.add({ path: 'named.bin', content: data }, { cidVersion: 1, rawLeaves: true, chunker: 'size-65536', pin: false })
const tree = []
for await (const entry of ipfs.addAll([
  { path: 'tree/a.txt', content: new TextEncoder().encode('alpha') },
  { path: 'tree/sub/b.txt', content: new TextEncoder().encode('beta') }
], { wrapWithDirectory: true })) tree.push({ path: entry.path, cid: entry.cid.toString(), size: entry.size })
const whole = await concat(ipfs.cat(v0.cid))
const range = await concat(ipfs.cat(v1.cid, { offset: 1000, length: 5000 }))
const version = await ipfs.version()
let missingError = null
try {
  await concat(ipfs.cat('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'))
} catch (e) {
  missingError = e.message
}
const blockCid = await ipfs.block.put(new TextEncoder().encode('a block from kubo-rpc-client'))
const blockBytes = Buffer.from(await ipfs.block.get(blockCid)).toString('utf8')
const blockStat = await ipfs.block.stat(blockCid)
const repoStat = await ipfs.repo.stat()
const pins = []
for await (const p of ipfs.pin.ls({ type: 'recursive' })) pins.push(p.cid.toString())

console.log(JSON.stringify({
  v0: { cid: v0.cid.toString(), path: v0.path, size: v0.size, progressed },
  v1: { cid: v1.cid.toString(), path: v1.path },
  tree,
  whole: whole.toString('base64'),
  range: range.toString('base64'),
  version: version.version,
  missingError,
  block: { cid: blockCid.toString(), bytes: blockBytes, size: blockStat.size },
  repo: { numObjects: repoStat.numObjects.toString(), repoPath: repoStat.repoPath },
  pins
}))
