// Verifies a .ots proof of a digest with the OpenTimestamps library's own verify(), which reads the
// attested block's header from the Bitcoin node named in $HOME/.bitcoin/bitcoin.conf (RPC), or, with
// a third argument, from that Esplora-style URL (/block-height/N, /block/HASH).
// Usage: node verify.mjs FILE.ots DIGEST_HEX [ESPLORA_URL]
//   -> {"bitcoin": {"timestamp": T, "height": N}} on success; exit 1 with the client's message on failure
import { createRequire } from 'node:module'
import fs from 'node:fs'

const require = createRequire(import.meta.url)
const OpenTimestamps = require('opentimestamps')
const { DetachedTimestampFile, Ops } = OpenTimestamps

const [file, digest, esplora] = process.argv.slice(2)
const stamped = DetachedTimestampFile.deserialize(fs.readFileSync(file))
const original = DetachedTimestampFile.fromHash(new Ops.OpSHA256(), Buffer.from(digest, 'hex'))
const options = esplora ? { ignoreBitcoinNode: true, url: esplora, timeout: 10000 } : {}
try {
  const results = await OpenTimestamps.verify(stamped, original, options)
  if (!results || !results.bitcoin) throw new Error('no Bitcoin attestation verified: ' + JSON.stringify(results))
  process.stdout.write(JSON.stringify(results) + '\n')
} catch (err) {
  process.stderr.write((err && err.message) + '\n')
  process.exit(1)
}
