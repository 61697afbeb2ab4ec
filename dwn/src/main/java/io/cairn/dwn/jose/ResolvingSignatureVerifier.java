package io.cairn.dwn.jose;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.dwn.did.CachingDidResolver;
import io.cairn.dwn.did.DidDht;
import io.cairn.dwn.did.DidHttp;
import io.cairn.dwn.did.DidResolver;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.handler.SignatureVerifier;

import java.time.Duration;
import java.util.List;

/**
 * The DWN's signature check as the SDK's {@code Dwn} does it: {@link GeneralJwsVerifier} over a DID
 * resolver, by default did:dht (through a relay), did:jwk, did:key and did:web behind a 15-minute cache.
 */
public final class ResolvingSignatureVerifier implements SignatureVerifier {
    private final DidResolver resolver;
    private final GeneralJwsVerifier verifier;

    public ResolvingSignatureVerifier(DidResolver resolver, GeneralJwsVerifier verifier) {
        this.resolver = resolver;
        this.verifier = verifier;
    }

    /** With the process-wide verifier cache, as the SDK's singleton. */
    public ResolvingSignatureVerifier(DidResolver resolver) {
        this(resolver, GeneralJwsVerifier.shared());
    }

    /**
     * The SDK's default resolver set with a cache: did:dht through {@code dhtGatewayUri}
     * ({@link DidDht#DEFAULT_GATEWAY} is the SDK's), every HTTP exchange bounded by {@code timeout}.
     */
    public static ResolvingSignatureVerifier standard(String dhtGatewayUri, Duration timeout) {
        return new ResolvingSignatureVerifier(new CachingDidResolver(UniversalResolver.standard(new DidHttp(timeout), dhtGatewayUri)));
    }

    @Override
    public void verifySignatures(JsonNode generalJws) {
        verifier.verify(generalJws, resolver);
    }

    /** The signer DIDs, for callers that need them. */
    public List<String> signers(JsonNode generalJws) {
        return verifier.verify(generalJws, resolver);
    }

    public DidResolver resolver() {
        return resolver;
    }
}
