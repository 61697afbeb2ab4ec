// Reference DAG-CBOR (@ipld/dag-cbor) for Cairn's interop tests, with DAG-JSON as the transport for
// values. One JSON request per line (lines.mjs):
//   {"dagjson": "<DAG-JSON text>"} -> {"hex": "<dag-cbor bytes>"}  (encode the value the text describes)
//   {"decodeHex": "<hex>"}          -> {"dagjson": "<the value as DAG-JSON>", "hex": "<the value re-encoded>"}
//                                      or {"rejected": "<reason>"}
// JavaScript has one number type: an integral float (1.0, -0.0) reads back as an integer here.
import * as dagCbor from '@ipld/dag-cbor'
import * as dagJson from '@ipld/dag-json'
import { serveLines } from './lines.mjs'

const hex = (bytes) => Buffer.from(bytes).toString('hex')

await serveLines(async (req) => {
  if (req.dagjson != null) {
    const value = dagJson.decode(new TextEncoder().encode(req.dagjson))
    return { hex: hex(dagCbor.encode(value)) }
  }
  let value
  try {
    value = dagCbor.decode(Buffer.from(req.decodeHex, 'hex'))
  } catch (e) {
    return { rejected: String(e.message ?? e) }
  }
  return { dagjson: new TextDecoder().decode(dagJson.encode(value)), hex: hex(dagCbor.encode(value)) }
})
