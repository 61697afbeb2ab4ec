/**
 * JOSE as the DWN uses it, behaving as dwn-sdk-js 0.5.2: JWKs, the {@link io.cairn.dwn.jose.Signer} and
 * {@link io.cairn.dwn.jose.PrivateKeySigner}, General JWS building ({@link io.cairn.dwn.jose.GeneralJwsBuilder})
 * and verification against the signers' DID documents ({@link io.cairn.dwn.jose.GeneralJwsVerifier}), and the
 * JavaScript behaviours whose texts reach reply details (base64url, {@code JSON.parse}, the JwkVerificationMethod schema).
 */
package io.cairn.dwn.jose;
