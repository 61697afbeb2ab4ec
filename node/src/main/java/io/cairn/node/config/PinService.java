package io.cairn.node.config;

/** A remote pinning service (IPFS Pinning Service API), as the deployment plan lists them. */
public record PinService(String name, String endpoint, String apiKey, String secretKey, String apiToken) {
    @Override
    public String toString() {
        return "PinService[name=" + name + ", endpoint=" + endpoint + ", credentials=<redacted>]";
    }
}
