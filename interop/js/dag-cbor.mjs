// Reference DAG-CBOR (@ipld/dag-cbor) for Cairn's interop tests. One JSON request per line:
//   {"dagjson": "<DAG-JSON text>"}  -> {"hex": "<dag-cbor bytes>"}   (encode the value the text describes)
//   {"decodeHex": "<hex>"}           -> {"dagjson": "<text>"} or {"rejected": "<reason>"}
import * as dagCbor from '@ipld/dag-cbor'
import * as dagJson from '@ipld/dag-json'
import { serveLines } from './lines.mjs'

await serveLines(async (req) => {
  if (req.dagjson != null) {
    const value = dagJson.decode(new TextEncoder().encode(req.dagjson))
    return { hex: Buffer.from(dagCbor.encode(value)).toString('hex') }
  }
  try {
    const value = dagCbor.decode(Buffer.from(req.decodeHex, 'hex'))
    return { dagjson: new TextDecoder().decode(dagJson.encode(value)) }
  } catch (e) {
    return { rejected: String(e.message ?? e) }
  }
})
