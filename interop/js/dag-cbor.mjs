// Reference DAG-CBOR (@ipld/dag-cbor) for Cairn's interop tests. One JSON request per line:
//   {"dagjson": "<DAG-JSON text>"}  -> {"hex": "<dag-cbor bytes>"}   (encode the value the text describes)
//   {"decodeHex": "<hex>"}           -> {"dagjson": "<text>"} or {"rejected": "<reason>"}
import * as dagCbor from '@ipld/dag-cbor'
import * as dagJson from '@ipld/dag-json'
import readline from 'node:readline'

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  if (line.trim() === '') continue
  const req = JSON.parse(line)
  let reply
  try {
    if (req.dagjson != null) {
      const value = dagJson.decode(new TextEncoder().encode(req.dagjson))
      reply = { hex: Buffer.from(dagCbor.encode(value)).toString('hex') }
    } else {
      try {
        const value = dagCbor.decode(Buffer.from(req.decodeHex, 'hex'))
        reply = { dagjson: new TextDecoder().decode(dagJson.encode(value)) }
      } catch (e) {
        reply = { rejected: String(e.message ?? e) }
      }
    }
  } catch (e) {
    reply = { error: String(e?.stack ?? e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
