package io.cairn.dwn.did;

/**
 * Resolves a DID (or DID URL: path, query and fragment are ignored) to a resolution result. As in
 * @web5/dids, an unresolvable DID is a result with {@code didResolutionMetadata.error} set and no
 * document, not an exception; an exception means the SDK would have thrown too.
 */
public interface DidResolver {
    DidResolutionResult resolve(String didUri);
}
