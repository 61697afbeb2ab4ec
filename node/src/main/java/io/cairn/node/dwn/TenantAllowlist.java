package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import java.util.Collection;
import java.util.Set;

/**
 * The config's tenant gate in front of a DWN: a tenant outside the allowlist gets the reply dwn-sdk-js's
 * {@code Dwn.validateTenant} gives an inactive tenant, 401 {@code "DID <tenant> is not an active tenant."},
 * before anything else is looked at (the SDK checks the tenant first, too).
 */
public final class TenantAllowlist implements MessageProcessor {
    private final MessageProcessor dwn;
    private final Set<String> tenants;

    public TenantAllowlist(MessageProcessor dwn, Collection<String> tenants) {
        this.dwn = dwn;
        this.tenants = Set.copyOf(tenants);
    }

    @Override
    public DwnReply processMessage(String tenant, ObjectNode message, ProcessOptions options) {
        if (tenant == null || !tenants.contains(tenant)) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode status = body.putObject("status");
            status.put("code", 401);
            status.put("detail", "DID " + (tenant == null ? "undefined" : tenant) + " is not an active tenant.");
            return new DwnReply(body, null);
        }
        return dwn.processMessage(tenant, message, options);
    }
}
