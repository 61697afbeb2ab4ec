// Reference CIDs and multibase (js `multiformats`) for Cairn's interop tests. One JSON request per line:
//   {"cid": "<binary CID, hex>"}   -> {"version", "code", "default": cid.toString(), "strings": {base name: text}}
//                                     (a CIDv0 prints only in base58btc)
//   {"parse": "<CID text>"}        -> {"hex": "<binary CID>", "version"} or {"rejected": "<reason>"}
//                                     (every base in multiformats/basics is offered to the parser)
//   {"encode": "<bytes, hex>"}     -> {"strings": {base name: multibase text}}
//   {"decode": "<multibase text>"} -> {"hex": "<bytes>"} or {"rejected": "<reason>"}
import { CID } from 'multiformats/cid'
import { bases } from 'multiformats/basics'
import { serveLines } from './lines.mjs'

// the bases Cairn implements, by their names in multiformats
const NAMES = ['base16', 'base16upper', 'base32', 'base32upper', 'base36', 'base36upper', 'base58btc', 'base64', 'base64url']
const anyBase = NAMES.map((n) => bases[n].decoder).reduce((a, b) => a.or(b))
const hex = (bytes) => Buffer.from(bytes).toString('hex')
const fromHex = (text) => new Uint8Array(Buffer.from(text, 'hex'))

const rejected = (f) => {
  try {
    return f()
  } catch (e) {
    return { rejected: String(e.message ?? e) }
  }
}

await serveLines(async (req) => {
  if (req.cid != null) {
    const cid = CID.decode(fromHex(req.cid))
    const strings = {}
    for (const n of cid.version === 0 ? ['base58btc'] : NAMES) strings[n] = cid.toString(bases[n])
    return { version: cid.version, code: cid.code, default: cid.toString(), strings }
  }
  if (req.parse != null) {
    return rejected(() => {
      const cid = CID.parse(req.parse, anyBase)
      return { hex: hex(cid.bytes), version: cid.version }
    })
  }
  if (req.encode != null) {
    const bytes = fromHex(req.encode)
    const strings = {}
    for (const n of NAMES) strings[n] = bases[n].encode(bytes)
    return { strings }
  }
  if (req.decode != null) {
    return rejected(() => ({ hex: hex(anyBase.decode(req.decode)) }))
  }
  throw new Error('unknown request ' + JSON.stringify(req))
})
