package io.cairn.node.dwn;

import io.cairn.dwn.TenantGate;
import java.util.Collection;
import java.util.Set;

/**
 * The config's {@code dwn_tenants}: only these DIDs are active tenants; the DWN answers any other with
 * the SDK's 401 "DID &lt;tenant&gt; is not an active tenant." before looking at the message.
 */
public final class TenantAllowlist implements TenantGate {
    private static final Result INACTIVE = new Result(false, null);
    private final Set<String> tenants;

    public TenantAllowlist(Collection<String> tenants) {
        this.tenants = Set.copyOf(tenants);
    }

    @Override
    public Result isActiveTenant(String tenant) {
        return tenant != null && tenants.contains(tenant) ? Result.ACTIVE : INACTIVE;
    }
}
