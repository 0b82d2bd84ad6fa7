package io.cascade.api.security;

import io.cascade.engine.common.Caller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API token; carries the {@link Caller} the token resolved to. */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    TokenAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return caller.username();
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (caller.systemAdmin()) {
            authorities.add(new SimpleGrantedAuthority(IdentityAuthenticationProvider.SYSTEM_ADMIN));
        }
        return authorities;
    }
}
