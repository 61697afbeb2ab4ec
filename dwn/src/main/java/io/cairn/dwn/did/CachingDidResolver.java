package io.cairn.dwn.did;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * Caches successful resolutions of another resolver, keyed by the bare DID, as the SDK's
 * {@code UniversalResolver} does with its {@code DidResolverCacheLevel} (15 minutes by default); failed
 * resolutions are not cached, so a DID published later resolves on the next try.
 */
public final class CachingDidResolver implements DidResolver {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    private final DidResolver delegate;
    private final Cache<String, DidResolutionResult> cache;

    public CachingDidResolver(DidResolver delegate) {
        this(delegate, DEFAULT_TTL, DEFAULT_MAXIMUM_SIZE);
    }

    public CachingDidResolver(DidResolver delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    public DidResolutionResult resolve(String didUri) {
        Did parsed = Did.parse(didUri);
        if (parsed == null) return delegate.resolve(didUri);
        DidResolutionResult cached = cache.getIfPresent(parsed.uri());
        if (cached != null) return cached;
        DidResolutionResult result = delegate.resolve(didUri);
        if (result.isSuccess()) cache.put(parsed.uri(), result);
        return result;
    }

    /** Drops every cached resolution. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long estimatedSize() {
        return cache.estimatedSize();
    }
}
