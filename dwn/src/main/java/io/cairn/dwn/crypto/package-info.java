/**
 * The signature schemes of the DWN with the SDK's exact acceptance rules and error texts: Ed25519
 * (RFC 8032 signing, noble's ZIP-215 verification), secp256k1 and P-256 ECDSA over SHA-256 (RFC 6979),
 * plus the RFC 4648 codecs and JWK thumbprints the DID methods need. BouncyCastle does the arithmetic.
 */
package io.cairn.dwn.crypto;
