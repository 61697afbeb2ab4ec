// The OpenTimestamps library doing Cairn's proof-verification work, for the anchor benchmark:
// reads .ots files (one hex per line) from a file, then times deserializing each (which executes its
// operation chain) and reading the commitment its Bitcoin attestation checks.
// Usage: node bench-verify.mjs FILE -> {"count": N, "ms": elapsed}
import { createRequire } from 'node:module'
import fs from 'node:fs'

const require = createRequire(import.meta.url)
const { DetachedTimestampFile } = require('opentimestamps')
const files = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map(h => Buffer.from(h, 'hex'))
function run () {
  let n = 0
  for (const f of files) {
    const t = DetachedTimestampFile.deserialize(f)
    for (const [msg] of t.timestamp.allAttestations()) if (msg.length === 32) n++
  }
  return n
}
run() // warm-up
const start = process.hrtime.bigint()
const count = run()
const ms = Number(process.hrtime.bigint() - start) / 1e6
process.stdout.write(JSON.stringify({ count, ms }) + '\n')
