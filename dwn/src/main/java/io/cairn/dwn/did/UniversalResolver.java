package io.cairn.dwn.did;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the method resolver by the DID's method, as @web5/dids' {@code UniversalResolver}: a DID that
 * does not parse or names an unregistered method is an error result, and the method resolver gets the
 * bare DID (no path, query or fragment). Caching is a separate decorator, {@link CachingDidResolver}.
 */
public final class UniversalResolver implements DidResolver {
    private final Map<String, DidMethodResolver> resolvers = new LinkedHashMap<>();

    public UniversalResolver(List<? extends DidMethodResolver> methodResolvers) {
        for (DidMethodResolver resolver : methodResolvers) resolvers.put(resolver.methodName(), resolver);
    }

    /**
     * The resolvers the SDK's {@code Dwn} uses by default (did:dht, did:jwk, did:key, did:web), with
     * did:dht through the given relay and every network exchange bounded by {@code http}'s timeout.
     */
    public static UniversalResolver standard(DidHttp http, String dhtGatewayUri) {
        return new UniversalResolver(List.of(new DidDht(http, dhtGatewayUri), DidJwk.INSTANCE, DidKey.INSTANCE, new DidWeb(http)));
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        Did parsed = Did.parse(didUri);
        if (parsed == null) return DidResolutionResult.error(DidErrorCode.INVALID_DID.code(), "Invalid DID URI: " + didUri);
        DidMethodResolver resolver = resolvers.get(parsed.method());
        if (resolver == null) {
            return DidResolutionResult.error(DidErrorCode.METHOD_NOT_SUPPORTED.code(), "Method not supported: " + parsed.method());
        }
        return resolver.resolve(parsed.uri());
    }

    /** Whether a method is registered. */
    public boolean supports(String method) {
        return resolvers.containsKey(method);
    }
}
