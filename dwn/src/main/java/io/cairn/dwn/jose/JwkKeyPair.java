package io.cairn.dwn.jose;

/** A generated key pair, both halves as JWKs (the SDK's {@code { publicJwk, privateJwk }}). */
public record JwkKeyPair(PublicJwk publicJwk, PrivateJwk privateJwk) {
}
