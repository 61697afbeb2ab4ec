/**
 * DID resolution behind one interface, {@link io.cairn.dwn.did.DidResolver}, as @web5/dids 1.2 resolves:
 * did:key, did:jwk, did:web and did:dht (through a Pkarr relay), chosen by {@link io.cairn.dwn.did.UniversalResolver}
 * and cached by {@link io.cairn.dwn.did.CachingDidResolver}; {@link io.cairn.dwn.did.DidKeys} makes new identities.
 */
package io.cairn.dwn.did;
