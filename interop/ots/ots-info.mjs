// Reads .ots files with the OpenTimestamps JavaScript library, for Cairn's interop tests.
// One JSON request per line: {"ots": "<hex of the .ots file>"}
//   -> {"fileDigest": "<hex>", "attestations": [{"commitment": "<hex>", "kind": "bitcoin", "height": N} | {"kind": "pending", "uri": "..."}]}
import { createRequire } from 'node:module'
import { serveLines } from '../js/lines.mjs'

const require = createRequire(import.meta.url)
const OpenTimestamps = require('opentimestamps')
const { DetachedTimestampFile, Notary } = OpenTimestamps

await serveLines(async (req) => {
  const file = DetachedTimestampFile.deserialize(Buffer.from(req.ots, 'hex'))
  const attestations = []
  for (const [msg, att] of file.timestamp.allAttestations()) {
    const commitment = Buffer.from(msg).toString('hex')
    if (att instanceof Notary.BitcoinBlockHeaderAttestation) attestations.push({ commitment, kind: 'bitcoin', height: att.height })
    else if (att instanceof Notary.PendingAttestation) attestations.push({ commitment, kind: 'pending', uri: att.uri })
    else attestations.push({ commitment, kind: 'other' })
  }
  return { fileDigest: Buffer.from(file.fileDigest()).toString('hex'), attestations }
})
