package io.cascade.engine.camunda;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The tenants (teams) of the user Camunda acts for on this thread, as the REST filters set it. */
public final class CurrentTenants {

    private CurrentTenants() {
    }

    /** Null when Camunda acts for nobody on this thread. */
    public static List<String> of(IdentityService identity) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication == null) {
            return null;
        }
        return authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
    }
}
