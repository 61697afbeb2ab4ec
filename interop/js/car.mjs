// Helia (@helia/car + @helia/unixfs on an offline Helia node) for Cairn's CAR interop tests.
// One JSON request per line:
//   {"op": "import", "car": "/path.car", "root": "<cid>", "out": "/path"}
//      imports the CAR into Helia, then reads the file `root` back through @helia/unixfs into `out`
//      -> {"roots": ["<cid>"...]}
//   {"op": "export", "file": "/path", "car": "/out.car"}
//      adds the file with @helia/unixfs (Helia's defaults) and exports its DAG as a CAR -> {"root": "<cid>"}
import { createHelia } from 'helia'
import { car } from '@helia/car'
import { unixfs } from '@helia/unixfs'
import { CarReader } from '@ipld/car'
import { CID } from 'multiformats/cid'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { serveLines } from './lines.mjs'

const helia = await createHelia({ start: false })
const cars = car(helia)
const fsys = unixfs(helia)

async function handle (req) {
  if (req.op === 'import') {
    const reader = await CarReader.fromIterable(fs.createReadStream(req.car))
    await cars.import(reader)
    const roots = (await reader.getRoots()).map(String)
    await pipeline(Readable.from(fsys.cat(CID.parse(req.root), { offline: true })), fs.createWriteStream(req.out))
    return { roots }
  }
  if (req.op === 'export') {
    const root = await fsys.addByteStream(fs.createReadStream(req.file, { highWaterMark: 1 << 20 }))
    await pipeline(Readable.from(cars.export(root, { offline: true })), fs.createWriteStream(req.car))
    return { root: root.toString() }
  }
  throw new Error('unknown op ' + req.op)
}

await serveLines(handle)
await helia.stop()
