// The SDK side of Cairn's JWS benchmark: verifies every General JWS of a JSONL file (one {"jws": …} per
// line, written by io.cairn.bench.JwsBenchmark) with dwn-sdk-js 0.5.2's GeneralJwsVerifier and the
// resolvers its Dwn uses, after a warm-up pass, and prints {"verified": n, "seconds": s}. With "invalid",
// every JWS must be refused instead (its signature does not verify).
//   node bench-jws.mjs FILE [WARMUP] [valid|invalid]
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DidJwk, DidKey, UniversalResolver } from '@web5/dids'

const sdkSrc = dirname(fileURLToPath(import.meta.resolve('@tbd54566975/dwn-sdk-js')))
const { GeneralJwsVerifier } = await import(pathToFileURL(join(sdkSrc, 'jose/jws/general/verifier.js')).href)

const [file, warmupArg, expectArg] = process.argv.slice(2)
const expectInvalid = expectArg === 'invalid'
const jwss = readFileSync(file, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l).jws)
const warmup = Number(warmupArg ?? 200)
const resolver = new UniversalResolver({ didResolvers: [DidKey, DidJwk] })

// the SDK's verifier caches verdicts per signature: a fresh verifier per pass measures the cryptography
const pass = async (list) => {
  const verifier = new GeneralJwsVerifier()
  for (const jws of list) {
    if (expectInvalid) {
      const refused = await verifier.verifySignatures(jws, resolver).then(() => false, () => true)
      if (!refused) throw new Error('an invalid signature verified')
      continue
    }
    const { signers } = await verifier.verifySignatures(jws, resolver)
    if (signers.length !== jws.signatures.length) throw new Error('not verified')
  }
}
await pass(jwss.slice(0, warmup))
const start = process.hrtime.bigint()
await pass(jwss)
const seconds = Number(process.hrtime.bigint() - start) / 1e9
console.log(JSON.stringify({ verified: jwss.length, seconds }))
