package io.cairn.dwn.did;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.crypto.Ed25519;
import io.cairn.dwn.crypto.JwkThumbprint;
import io.cairn.dwn.crypto.Secp256k1;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.JsJson;
import io.cairn.multiformats.Multibase;

import java.util.Arrays;

/**
 * did:key as @web5/dids' {@code DidKey} resolves it with its defaults (JsonWebKey2020 verification
 * method, no derived encryption key): {@code z} + base58btc(varint(multicodec) || public key) for
 * ed25519-pub (0xed, 32 bytes) and secp256k1-pub (0xe7, 33 bytes compressed), and x25519-pub (0xec,
 * accepted unvalidated as the SDK does). The document needs no network.
 */
public final class DidKey implements DidMethodResolver {
    public static final DidKey INSTANCE = new DidKey();

    static final int ED25519_PUB = 0xed;
    static final int SECP256K1_PUB = 0xe7;
    static final int X25519_PUB = 0xec;

    private DidKey() {
    }

    @Override
    public String methodName() {
        return "key";
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        try {
            return DidResolutionResult.of(createDocument(didUri));
        } catch (DidError e) {
            return e.toResult();
        }
    }

    /** The did:key of an Ed25519 public key. */
    public static String fromEd25519(byte[] publicKey) {
        return "did:key:" + multibaseId(ED25519_PUB, publicKey);
    }

    /** The did:key of a secp256k1 public key (compressed or not; it is written compressed). */
    public static String fromSecp256k1(byte[] publicKey) {
        byte[] compressed = Secp256k1.compress(publicKey);
        if (compressed == null) throw new IllegalArgumentException("not a secp256k1 public key");
        return "did:key:" + multibaseId(SECP256K1_PUB, compressed);
    }

    static String multibaseId(int codec, byte[] key) {
        byte[] prefix = io.cairn.multiformats.Varint.encode(codec);
        byte[] prefixed = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, prefixed, prefix.length, key.length);
        return Multibase.BASE58_BTC.encode(prefixed);
    }

    private static ObjectNode createDocument(String didUri) {
        Did parsed = Did.parse(didUri);
        if (parsed == null) throw new DidError(DidErrorCode.INVALID_DID, "Invalid DID URI: " + didUri);
        if (!parsed.method().equals("key")) {
            throw new DidError(DidErrorCode.METHOD_NOT_SUPPORTED, "Method not supported: " + parsed.method());
        }
        String multibaseValue = parsed.id();
        if (!multibaseValue.startsWith("z")) throw new DidError(DidErrorCode.INVALID_DID, "Invalid DID URI: " + didUri);

        long codec;
        byte[] keyBytes;
        try {
            byte[] prefixed = Multibase.BASE58_BTC.decodeBare(multibaseValue.substring(1));
            long[] varint = readVarint(prefixed);
            codec = varint[0];
            if (codec != ED25519_PUB && codec != SECP256K1_PUB && codec != X25519_PUB
                    && codec != 0x1300 && codec != 0x1301 && codec != 0x1302) {
                throw new IllegalArgumentException("Unsupported multicodec: " + codec);
            }
            keyBytes = Arrays.copyOfRange(prefixed, (int) varint[1], prefixed.length);
        } catch (RuntimeException e) {
            throw new DidError(DidErrorCode.INVALID_DID, "Invalid multibase identifier: " + multibaseValue);
        }
        Integer expectedLength = codec == SECP256K1_PUB ? Integer.valueOf(33) : (codec == ED25519_PUB || codec == X25519_PUB) ? Integer.valueOf(32) : null;
        if (expectedLength == null || keyBytes.length != expectedLength) {
            // (sic) the SDK swaps actual and expected in this message
            throw new DidError(DidErrorCode.INVALID_PUBLIC_KEY_LENGTH,
                    "Expected " + keyBytes.length + " bytes. Actual: " + (expectedLength == null ? "undefined" : expectedLength));
        }
        boolean valid = switch ((int) codec) {
            case SECP256K1_PUB -> Secp256k1.compress(keyBytes) != null;
            case ED25519_PUB -> Ed25519.isValidPublicKey(keyBytes);
            case X25519_PUB -> true;
            default -> false;
        };
        if (!valid) throw new DidError(DidErrorCode.INVALID_PUBLIC_KEY, "Invalid public key detected.");

        String methodId = didUri + "#" + multibaseValue;
        ObjectNode method = JsJson.MAPPER.createObjectNode();
        method.put("id", methodId);
        method.put("type", "JsonWebKey2020");
        method.put("controller", didUri);
        method.set("publicKeyJwk", publicKeyJwk((int) codec, keyBytes));

        ObjectNode document = JsJson.MAPPER.createObjectNode();
        document.put("id", parsed.uri());
        document.putArray("verificationMethod").add(method);
        for (String relationship : new String[] {"authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation"}) {
            document.putArray(relationship).add(methodId);
        }
        ArrayNode context = document.putArray("@context");
        context.add("https://www.w3.org/ns/did/v1");
        context.add("https://w3id.org/security/suites/jws-2020/v1");
        return document;
    }

    /** @web5/crypto's {@code bytesToPublicKey}: the JWK with its thumbprint as {@code kid}, no {@code alg}. */
    private static ObjectNode publicKeyJwk(int codec, byte[] keyBytes) {
        ObjectNode jwk = JsJson.MAPPER.createObjectNode();
        if (codec == SECP256K1_PUB) {
            byte[][] xy = Secp256k1.coordinates(keyBytes);
            String x = Base64Url.encode(xy[0]);
            String y = Base64Url.encode(xy[1]);
            jwk.put("kty", "EC").put("crv", "secp256k1").put("x", x).put("y", y).put("kid", JwkThumbprint.ec("secp256k1", x, y));
        } else {
            String crv = codec == ED25519_PUB ? "Ed25519" : "X25519";
            String x = Base64Url.encode(keyBytes);
            jwk.put("kty", "OKP").put("crv", crv).put("x", x).put("kid", JwkThumbprint.okp(crv, x));
        }
        return jwk;
    }

    /** multiformats' varint decode (non-minimal encodings accepted): {value, bytes read}. */
    private static long[] readVarint(byte[] bytes) {
        long value = 0;
        for (int i = 0, shift = 0; i < bytes.length && shift <= 49; i++, shift += 7) {
            value |= (long) (bytes[i] & 0x7f) << shift;
            if ((bytes[i] & 0x80) == 0) return new long[] {value, i + 1};
        }
        throw new IllegalArgumentException("Could not decode varint");
    }
}
