package io.cairn.node.config;

/**
 * A remote pinning service (IPFS Pinning Service API), as the deployment plan lists them under
 * {@code [[storage.decentralized.pin_services]]}. Credentials are null when not given.
 */
public record PinService(String name, String endpoint, String apiKey, String secretKey, String apiToken) {
    @Override
    public String toString() {
        return "PinService[name=" + name + ", endpoint=" + endpoint + ", apiKey=" + CairnConfig.redacted(apiKey)
                + ", secretKey=" + CairnConfig.redacted(secretKey) + ", apiToken=" + CairnConfig.redacted(apiToken) + "]";
    }
}
