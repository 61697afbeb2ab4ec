package io.cairn.dwn.did;

import io.cairn.dwn.crypto.Ed25519;
import io.cairn.dwn.crypto.Secp256k1;
import io.cairn.dwn.crypto.Secp256r1;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JwkKeyPair;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.dwn.jose.PublicJwk;

/**
 * Fresh identities for clients and tests: a new key and its did:key or did:jwk, with the key ID the SDK
 * uses ({@code did:key:z…#z…}, {@code did:jwk:…#0}). Also rebuilds a did:key identity from a stored
 * private JWK.
 */
public final class DidKeys {
    private DidKeys() {
    }

    /** A new Ed25519 did:key (the SDK's default persona kind). */
    public static BearerDid generateEd25519() {
        return didKeyOf(Ed25519.INSTANCE.generateKeyPair().privateJwk());
    }

    /** A new secp256k1 did:key. */
    public static BearerDid generateSecp256k1() {
        return didKeyOf(Secp256k1.INSTANCE.generateKeyPair().privateJwk());
    }

    /** A new did:jwk for a key of the given JWK curve: {@code Ed25519}, {@code secp256k1} or {@code P-256}. */
    public static BearerDid generateDidJwk(String crv) {
        JwkKeyPair pair = switch (crv) {
            case "Ed25519" -> Ed25519.INSTANCE.generateKeyPair();
            case "secp256k1" -> Secp256k1.INSTANCE.generateKeyPair();
            case "P-256" -> Secp256r1.INSTANCE.generateKeyPair();
            default -> throw new IllegalArgumentException("unsupported curve " + crv);
        };
        PublicJwk publicJwk = pair.publicJwk();
        String did = DidJwk.fromJwk(publicJwk);
        return new BearerDid(did, did + "#0", pair.privateJwk());
    }

    /** The did:key identity of an Ed25519 or secp256k1 private JWK (its {@code x}/{@code y} give the public key). */
    public static BearerDid didKeyOf(PrivateJwk privateJwk) {
        String did = switch (privateJwk.crv()) {
            case "Ed25519" -> DidKey.fromEd25519(Base64Url.decode(privateJwk.x()));
            case "secp256k1" -> {
                byte[] uncompressed = new byte[65];
                uncompressed[0] = 4;
                System.arraycopy(Base64Url.decode(privateJwk.x()), 0, uncompressed, 1, 32);
                System.arraycopy(Base64Url.decode(privateJwk.y()), 0, uncompressed, 33, 32);
                yield DidKey.fromSecp256k1(uncompressed);
            }
            default -> throw new IllegalArgumentException("did:key supports Ed25519 and secp256k1 keys, not " + privateJwk.crv());
        };
        return new BearerDid(did, did + "#" + did.substring("did:key:".length()), privateJwk);
    }
}
