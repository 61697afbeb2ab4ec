package io.cairn.dwn.did;

/** A resolver for one DID method, registered in a {@link UniversalResolver} under {@link #methodName()}. */
public interface DidMethodResolver extends DidResolver {
    String methodName();
}
