package io.cairn.dwn.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.interop.CryptoPeer;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.PublicJwk;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cairn's Ed25519 verification ({@link Ed25519}: BouncyCastle's strict check, then the ZIP-215 path) gives
 * the verdict and the error text of the SDK's ({@code signatureAlgorithms.Ed25519.verify}, @noble/ed25519
 * 2.0.0) on thousands of seeded cases, all decided by the SDK in the same run: valid signatures, bit flips in
 * R, S and A, S ≥ L, non-canonical y (y + p), the 8 small-order points as A and as R, mixed-order R and A,
 * x = 0 with the sign bit set, random bytes. Signatures that need torsion are built with @noble/ed25519 in the
 * peer ({@code ed25519.craft}). did:key validation ({@link Ed25519#isValidPublicKey}) is compared with
 * @web5/dids' resolution of the same keys.
 */
class Ed25519NobleAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final int ROUNDS = 250;

    private static CryptoPeer sdk;
    private static List<byte[]> torsion;

    private record Case(String label, byte[] publicKey, byte[] content, byte[] signature) {
    }

    @BeforeAll
    static void startSdk() {
        sdk = CryptoPeer.start();
        torsion = new ArrayList<>();
        for (JsonNode hex : sdk.ed25519TorsionPoints()) torsion.add(HexFormat.of().parseHex(hex.asText()));
    }

    @AfterAll
    static void stopSdk() {
        if (sdk != null) sdk.close();
    }

    @Test
    void verificationAgreesWithNobleOnSeededCases() {
        Random random = new Random(20261204L);
        List<Case> cases = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) addRound(random, cases);

        List<String> nobleOutcomes = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += 400) {
            ArrayNode batch = JSON.createArrayNode();
            for (Case c : cases.subList(from, Math.min(cases.size(), from + 400))) {
                ObjectNode request = batch.addObject()
                        .put("content", Base64Url.encode(c.content())).put("signature", Base64Url.encode(c.signature()));
                request.set("publicJwk", jwk(c.publicKey()));
            }
            for (JsonNode reply : sdk.rawVerifyAll(batch)) {
                nobleOutcomes.add(reply.has("valid") ? "valid:" + reply.get("valid").asBoolean() : reply.get("threw").asText());
            }
        }

        List<String> disagreements = new ArrayList<>();
        int acceptedOnlyByZip215 = 0;
        int rejected = 0;
        int badPoint = 0;
        int badScalar = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String expected = nobleOutcomes.get(i);
            String actual = cairnOutcome(c);
            if (!actual.equals(expected)) {
                disagreements.add(c.label() + ": noble " + expected + ", Cairn " + actual + " (A " + HexFormat.of().formatHex(c.publicKey())
                        + ", sig " + HexFormat.of().formatHex(c.signature()) + ")");
            }
            switch (expected) {
                case "valid:true" -> {
                    if (!org.bouncycastle.math.ec.rfc8032.Ed25519.verify(c.signature(), 0, c.publicKey(), 0, c.content(), 0, c.content().length)) {
                        acceptedOnlyByZip215++;
                    }
                }
                case "valid:false" -> rejected++;
                case "bad y coordinate 3" -> badPoint++;
                case "invalid scalar, must be < L" -> badScalar++;
                default -> { }
            }
        }
        assertThat(disagreements).as("cases where Cairn and noble differ, of " + cases.size()).isEmpty();
        // the seeded mix reaches every branch noble has
        assertThat(cases).hasSizeGreaterThan(3000);
        assertThat(acceptedOnlyByZip215).as("accepted by noble, refused by strict RFC 8032").isGreaterThan(500);
        assertThat(rejected).isGreaterThan(500);
        assertThat(badPoint).isGreaterThan(100);
        assertThat(badScalar).isGreaterThan(100);
    }

    @Test
    void didKeyValidationAgreesWithWeb5() {
        Random random = new Random(7L);
        List<byte[]> keys = new ArrayList<>();
        for (byte[] point : torsion) {
            keys.add(point);
            keys.add(withSignBit(point, true));
        }
        for (int y = 0; y < 19; y++) {
            keys.add(encodeY(P.add(BigInteger.valueOf(y)), false));
            keys.add(encodeY(P.add(BigInteger.valueOf(y)), true));
            keys.add(encodeY(BigInteger.valueOf(y), false));
            keys.add(encodeY(BigInteger.valueOf(y), true));
        }
        for (int i = 0; i < 60; i++) {
            byte[] valid = Ed25519.publicKeyOf(randomBytes(random, 32));
            keys.add(valid);
            keys.add(flipBit(valid, random.nextInt(256)));
            keys.add(randomBytes(random, 32));
        }
        for (byte[] key : keys) {
            String did = DidKey.fromEd25519(key);
            assertThat(DidKey.INSTANCE.resolve(did).toJson()).as(HexFormat.of().formatHex(key)).isEqualTo(sdk.resolve(did, null));
        }
    }

    /** One of each kind of case. */
    private static void addRound(Random random, List<Case> cases) {
        byte[] seed = randomBytes(random, 32);
        byte[] publicKey = Ed25519.publicKeyOf(seed);
        byte[] content = randomBytes(random, random.nextInt(120));
        byte[] signature = Ed25519.signRaw(content, seed);
        cases.add(new Case("valid", publicKey, content, signature));
        int rBit = random.nextInt(256);
        cases.add(new Case("R bit " + rBit, publicKey, content, flipBit(signature, rBit)));
        int sBit = 256 + random.nextInt(256);
        cases.add(new Case("S bit " + sBit, publicKey, content, flipBit(signature, sBit)));
        int aBit = random.nextInt(256);
        cases.add(new Case("A bit " + aBit, flipBit(publicKey, aBit), content, signature));

        BigInteger s = littleEndian(signature, 32);
        BigInteger bigS = switch (random.nextInt(3)) {
            case 0 -> s.add(L);
            case 1 -> L.add(BigInteger.valueOf(random.nextInt(4)));
            default -> new BigInteger(256, random).setBit(255);
        };
        cases.add(new Case("S >= L", publicKey, content, withS(signature, bigS)));

        int y = random.nextInt(19);
        boolean sign = random.nextBoolean();
        byte[] nonCanonical = encodeY(P.add(BigInteger.valueOf(y)), sign);
        cases.add(new Case("A = y + p, y " + y, nonCanonical, content, signature));
        cases.add(new Case("R = y + p, y " + y, publicKey, content, withR(signature, nonCanonical)));

        int t = random.nextInt(8);
        String nonce = new BigInteger(256, random).toString();
        // small-order A (a = 0): s = nonce, valid under the cofactored equation
        cases.add(crafted("small-order A " + t, content, null, random.nextBoolean() ? "0" : nonce, -1, t, "zeros", null, null));
        // small-order R, both ways of hashing an identity R
        String identityHash = random.nextBoolean() ? "zeros" : "canonical";
        cases.add(crafted("small-order R " + t + " " + identityHash, content, seed, "0", t, -1, identityHash, null, null));
        // the identity R in particular (noble hashes it as 32 zero bytes)
        cases.add(crafted("identity R " + identityHash, content, seed, "0", 0, -1, identityHash, null, null));
        // mixed-order R and A
        cases.add(crafted("mixed-order R " + t, content, seed, nonce, t, -1, "zeros", null, null));
        int t2 = random.nextInt(8);
        cases.add(crafted("mixed-order A " + t2 + ", R " + t, content, seed, nonce, random.nextBoolean() ? t : -1, t2, "zeros", null, null));
        // x = 0 with the sign bit set: the identity and the order-2 point, as A and as R; y = p + 1 too
        int x0 = random.nextBoolean() ? 0 : 4;
        byte[] signed = withSignBit(torsion.get(x0), true);
        byte[] signedChosen = random.nextBoolean() ? signed : encodeY(P.add(BigInteger.ONE), true);
        int x0Torsion = signedChosen == signed ? x0 : 0;
        cases.add(crafted("x = 0, sign set, as A", content, null, nonce, -1, x0Torsion, "zeros", null, Base64Url.encode(signedChosen)));
        cases.add(crafted("x = 0, sign set, as R", content, seed, "0", x0Torsion, -1, "zeros", Base64Url.encode(signedChosen), null));
        // random bytes
        cases.add(new Case("random", randomBytes(random, 32), content, randomBytes(random, 64)));
        // a valid signature made with the wrong key
        cases.add(new Case("other key", Ed25519.publicKeyOf(randomBytes(random, 32)), content, signature));
    }

    private static Case crafted(String label, byte[] content, byte[] seed, String nonce, int rTorsion, int aTorsion,
            String identityHash, String rBytes, String aBytes) {
        ObjectNode recipe = JSON.createObjectNode().put("content", Base64Url.encode(content)).put("nonce", nonce)
                .put("rTorsion", rTorsion).put("aTorsion", aTorsion).put("identityHash", identityHash);
        if (seed != null) recipe.put("seed", Base64Url.encode(seed));
        if (rBytes != null) recipe.put("rBytes", rBytes);
        if (aBytes != null) recipe.put("aBytes", aBytes);
        JsonNode made = sdk.craftEd25519(recipe);
        return new Case(label, Base64Url.decode(made.get("publicKey").asText()), content, Base64Url.decode(made.get("signature").asText()));
    }

    private static String cairnOutcome(Case c) {
        try {
            return "valid:" + Ed25519.INSTANCE.verify(c.content(), c.signature(), PublicJwk.fromJson(jwk(c.publicKey())));
        } catch (DwnError e) {
            return e.detail();
        }
    }

    private static ObjectNode jwk(byte[] publicKey) {
        return JSON.createObjectNode().put("kty", "OKP").put("crv", "Ed25519").put("x", Base64Url.encode(publicKey));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes, int bit) {
        byte[] out = bytes.clone();
        out[bit >> 3] ^= (byte) (1 << (bit & 7));
        return out;
    }

    private static byte[] withSignBit(byte[] point, boolean set) {
        byte[] out = point.clone();
        out[31] = (byte) (set ? out[31] | 0x80 : out[31] & 0x7f);
        return out;
    }

    private static byte[] encodeY(BigInteger y, boolean sign) {
        byte[] out = toLittleEndian(y);
        return withSignBit(out, sign);
    }

    private static byte[] withS(byte[] signature, BigInteger s) {
        byte[] out = signature.clone();
        System.arraycopy(toLittleEndian(s), 0, out, 32, 32);
        return out;
    }

    private static byte[] withR(byte[] signature, byte[] r) {
        byte[] out = signature.clone();
        System.arraycopy(r, 0, out, 0, 32);
        return out;
    }

    private static BigInteger littleEndian(byte[] bytes, int offset) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = bytes[offset + 31 - i];
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger n) {
        byte[] out = new byte[32];
        byte[] be = n.toByteArray();
        for (int i = 0; i < be.length && i < 32; i++) out[i] = be[be.length - 1 - i];
        return out;
    }
}
