package io.cairn.dwn;

/**
 * Decides which tenants this DWN serves (the SDK's {@code TenantGate}): an inactive tenant's messages get
 * 401 with {@code detail}, or "DID &lt;tenant&gt; is not an active tenant." when the gate gives none.
 */
@FunctionalInterface
public interface TenantGate {
    Result isActiveTenant(String tenant);

    record Result(boolean active, String detail) {
        public static final Result ACTIVE = new Result(true, null);
    }

    TenantGate ALLOW_ALL = tenant -> Result.ACTIVE;
}
