package io.cairn.dwn.jose;

import io.cairn.dwn.crypto.Ed25519;
import io.cairn.dwn.crypto.Secp256k1;
import io.cairn.dwn.crypto.Secp256r1;

import java.util.LinkedHashMap;
import java.util.Map;

/** The SDK's {@code signatureAlgorithms}: one algorithm per JWK {@code crv}, in the SDK's order. */
public final class SignatureAlgorithms {
    private static final Map<String, SignatureAlgorithm> BY_CURVE = new LinkedHashMap<>();

    static {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {Ed25519.INSTANCE, Secp256k1.INSTANCE, Secp256r1.INSTANCE}) {
            BY_CURVE.put(algorithm.curve(), algorithm);
        }
    }

    private SignatureAlgorithms() {
    }

    /** The algorithm for this {@code crv}, or null (also for a null curve). */
    public static SignatureAlgorithm forCurve(String crv) {
        return crv == null ? null : BY_CURVE.get(crv);
    }

    /** {@code Object.keys(signatureAlgorithms)} as JavaScript prints it in a template: {@code Ed25519,secp256k1,P-256}. */
    public static String curveList() {
        return String.join(",", BY_CURVE.keySet());
    }
}
