package io.cairn.dwn.did;

/** @web5/dids' {@code DidErrorCode}: the {@code didResolutionMetadata.error} values. */
public enum DidErrorCode {
    INVALID_DID("invalidDid"),
    METHOD_NOT_SUPPORTED("methodNotSupported"),
    INTERNAL_ERROR("internalError"),
    INVALID_DID_DOCUMENT("invalidDidDocument"),
    INVALID_DID_DOCUMENT_LENGTH("invalidDidDocumentLength"),
    INVALID_DID_URL("invalidDidUrl"),
    INVALID_PREVIOUS_DID_PROOF("invalidPreviousDidProof"),
    INVALID_PUBLIC_KEY("invalidPublicKey"),
    INVALID_PUBLIC_KEY_LENGTH("invalidPublicKeyLength"),
    INVALID_PUBLIC_KEY_TYPE("invalidPublicKeyType"),
    INVALID_SIGNATURE("invalidSignature"),
    NOT_FOUND("notFound"),
    REPRESENTATION_NOT_SUPPORTED("representationNotSupported"),
    UNSUPPORTED_PUBLIC_KEY_TYPE("unsupportedPublicKeyType");

    private final String code;

    DidErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
