// dwn-sdk-js 0.5.2's JOSE and DID layer for Cairn's interop tests (Java side: io.cairn.dwn.interop.CryptoPeer).
//
//   node crypto-peer.mjs
//
// One JSON request per line on stdin, one JSON reply per line on stdout ({"error": "..."} when the
// request itself is wrong). Failures of the SDK under test are answers, not errors:
// {"threw": message} / {"rejected": message}. Bytes travel as base64url strings.
//   did.create  {method: key|jwk|dht, algorithm?, options?}   a DID made by @web5/dids (options as DidDht.create's,
//                                                            e.g. publish + gatewayUri) -> its portable form
//   resolve     {did, gatewayUri?}                           UniversalResolver(DidDht, DidJwk, DidKey, DidWeb).resolve
//   jws.sign    {payload, signers: [{privateJwk, keyId, algorithm?}]}   GeneralJwsBuilder with PrivateKeySigner
//   jws.verify  {jws, gatewayUri?}                           GeneralJwsVerifier.verifySignatures -> {signers}
//   jws.kid     {entry}                                      Jws.getSignerDid(entry) -> {did}
//   sig.sign    {privateJwk, content}                        signatureAlgorithms[crv].sign -> {signature}
//   sig.verify  {publicJwk, content, signature}              signatureAlgorithms[crv].verify -> {valid}
//   json.parse  {text}                                       JSON.parse -> {value} (the V8 error text otherwise)
//   schema      {name, value}                                validateJsonSchema(name, value) -> {valid} or {threw}
//   ed25519.torsioned {seed, content}                        an Ed25519 signature whose R carries an order-2 component:
//                                                            valid under ZIP-215 (cofactored)
//   ed25519.weak {}                                         a non-canonical identity public key (y = p + 1) and a signature
//                                                            (R = 5B, s = 5) that noble accepts for any content
//   ed25519.torsion {}                                      noble-curves' ED25519_TORSION_SUBGROUP: the 8 small-order points (hex)
//   ed25519.craft {seed?, content, nonce, rTorsion, aTorsion, identityHash, rBytes?, aBytes?}
//                                                            a signature built with @noble/ed25519's points: R = nonce·B + T[rTorsion],
//                                                            A = a·B + T[aTorsion] (a = 0 without seed), s = nonce + k·a mod L with
//                                                            k hashed over the decoded points re-encoded (the identity as 32 zero
//                                                            bytes when identityHash is 'zeros', as 01 00…00 when 'canonical');
//                                                            rBytes/aBytes replace the encodings sent (same point, other bytes)
//   sig.verifyAll {cases: [{publicJwk, content, signature}]} sig.verify for each case -> {results: [{valid} | {threw}]}
// did:web documents are fetched over http when the host is 127.0.0.1 (test servers only).
import readline from 'node:readline'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Jws, PrivateKeySigner, Encoder } from '@tbd54566975/dwn-sdk-js'
import { DidDht, DidJwk, DidKey, DidWeb, UniversalResolver } from '@web5/dids'
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519'
import { sha512 } from '@noble/hashes/sha512'
import { ExtendedPoint as NoblePoint } from '@noble/ed25519'

const sdkSrc = dirname(fileURLToPath(import.meta.resolve('@tbd54566975/dwn-sdk-js')))
const internal = async (path) => import(pathToFileURL(join(sdkSrc, path)).href)
const { GeneralJwsBuilder } = await internal('jose/jws/general/builder.js')
const { GeneralJwsVerifier } = await internal('jose/jws/general/verifier.js')
const { signatureAlgorithms } = await internal('jose/algorithms/signing/signature-algorithms.js')
const { validateJsonSchema } = await internal('schema-validator.js')

const realFetch = globalThis.fetch
globalThis.fetch = (url, init) => {
  const text = String(url)
  return realFetch(text.startsWith('https://127.0.0.1') ? 'http://' + text.slice('https://'.length) : url, init)
}

const universal = new UniversalResolver({ didResolvers: [DidDht, DidJwk, DidKey, DidWeb] })
const resolverFor = (gatewayUri) => ({ resolve: (did) => universal.resolve(did, gatewayUri ? { gatewayUri } : undefined) })
const bytes = (b64url) => Encoder.base64UrlToBytes(b64url)
const b64url = (u8) => Encoder.bytesToBase64Url(u8)
const failure = (e) => (e && e.message !== undefined ? e.message : String(e))

const methods = { key: DidKey, jwk: DidJwk, dht: DidDht }

const ops = {
  async 'did.create' ({ method, algorithm, options = {} }) {
    const did = await methods[method].create({ options: algorithm ? { ...options, algorithm } : options })
    return await did.export()
  },
  async resolve ({ did, gatewayUri }) {
    return await universal.resolve(did, gatewayUri ? { gatewayUri } : undefined)
  },
  async 'jws.sign' ({ payload, signers }) {
    const built = await GeneralJwsBuilder.create(bytes(payload), signers.map(s => new PrivateKeySigner(s)))
    return { jws: built.getJws() }
  },
  async 'jws.verify' ({ jws, gatewayUri }) {
    try {
      const { signers } = await GeneralJwsVerifier.verifySignatures(jws, resolverFor(gatewayUri))
      return { signers }
    } catch (e) {
      return { rejected: failure(e) }
    }
  },
  async 'jws.kid' ({ entry }) {
    try {
      return { did: Jws.getSignerDid(entry) }
    } catch (e) {
      return { threw: failure(e) }
    }
  },
  async 'sig.sign' ({ privateJwk, content }) {
    return { signature: b64url(await signatureAlgorithms[privateJwk.crv].sign(bytes(content), privateJwk)) }
  },
  async 'sig.verify' ({ publicJwk, content, signature }) {
    try {
      const algorithm = signatureAlgorithms[publicJwk.crv]
      return { valid: await algorithm.verify(bytes(content), bytes(signature), publicJwk) }
    } catch (e) {
      return { threw: failure(e) }
    }
  },
  async schema ({ name, value }) {
    try {
      validateJsonSchema(name, value)
      return { valid: true }
    } catch (e) {
      return { threw: failure(e) }
    }
  },
  async 'ed25519.torsioned' ({ seed, content }) {
    const { ExtendedPoint, CURVE } = ed25519
    const L = CURVE.n
    const P = CURVE.p
    const mod = (a, m) => ((a % m) + m) % m
    const le = (bytes) => BigInt('0x' + Buffer.from(bytes).reverse().toString('hex') || '0')
    const toLe = (n) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse())
    const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(bytes(seed))
    const r = mod(le(sha512(Buffer.concat([Buffer.from('cairn-torsion'), bytes(content)]))), L)
    const R = ExtendedPoint.BASE.multiply(r).add(ExtendedPoint.fromAffine({ x: 0n, y: P - 1n }))
    const rBytes = R.toRawBytes()
    const k = mod(le(sha512(Buffer.concat([rBytes, pointBytes, bytes(content)]))), L)
    const s = mod(r + k * scalar, L)
    return { signature: b64url(Buffer.concat([rBytes, toLe(s)])), publicKey: b64url(pointBytes) }
  },
  async 'ed25519.weak' () {
    const { ExtendedPoint, CURVE } = ed25519
    const toLe = (n) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse())
    const R = ExtendedPoint.BASE.multiply(5n).toRawBytes()
    return { x: b64url(toLe(CURVE.p + 1n)), signature: b64url(Buffer.concat([R, toLe(5n)])) }
  },
  async 'ed25519.torsion' () {
    return { points: ED25519_TORSION_SUBGROUP }
  },
  async 'ed25519.craft' ({ seed, content, nonce, rTorsion = -1, aTorsion = -1, identityHash = 'zeros', rBytes, aBytes }) {
    // point arithmetic with @noble/ed25519's complete formulas: noble-curves' addition returns the identity for
    // ZERO + (a point with x = 0 or y = 0)
    const L = ed25519.CURVE.n
    const mod = (a, m) => ((a % m) + m) % m
    const le = (u8) => BigInt('0x' + (Buffer.from(u8).reverse().toString('hex') || '0'))
    const toLe = (n) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse())
    const identityBytes = Uint8Array.from([1, ...new Array(31).fill(0)])
    const encode = (point) => (point.is0() ? identityBytes : point.toRawBytes())
    const torsion = (i) => (i < 0 ? NoblePoint.ZERO : NoblePoint.fromHex(ED25519_TORSION_SUBGROUP[i], false))
    const a = seed ? ed25519.utils.getExtendedPublicKey(bytes(seed)).scalar : 0n
    const r = mod(BigInt(nonce), L)
    const aSent = aBytes ? bytes(aBytes) : encode(NoblePoint.BASE.mul(a, false).add(torsion(aTorsion)))
    const rSent = rBytes ? bytes(rBytes) : encode(NoblePoint.BASE.mul(r, false).add(torsion(rTorsion)))
    const forHash = (sent) => {
      const point = NoblePoint.fromHex(sent, false)
      return point.is0() && identityHash === 'zeros' ? new Uint8Array(32) : encode(point)
    }
    const k = mod(le(sha512(Buffer.concat([forHash(rSent), forHash(aSent), bytes(content)]))), L)
    const s = mod(r + k * a, L)
    return { signature: b64url(Buffer.concat([rSent, toLe(s)])), publicKey: b64url(aSent) }
  },
  async 'sig.verifyAll' ({ cases }) {
    const results = []
    for (const c of cases) results.push(await ops['sig.verify'](c))
    return { results }
  },
  async 'json.parse' ({ text }) {
    try {
      return { value: JSON.parse(text) }
    } catch (e) {
      return { threw: failure(e) }
    }
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of rl) {
  if (line.trim() === '') continue
  let reply
  try {
    const request = JSON.parse(line)
    const op = ops[request.op]
    if (!op) throw new Error(`unknown op ${request.op}`)
    reply = await op(request)
  } catch (e) {
    reply = { error: String(e?.stack ?? e) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
}
