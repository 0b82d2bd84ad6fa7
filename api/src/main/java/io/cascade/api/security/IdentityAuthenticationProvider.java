package io.cascade.api.security;

import io.cascade.engine.user.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against Camunda's identity service: one user store for the API, the frontend and
 * Cockpit. A pair it accepted is remembered for the sync interval (VerifiedCredentials), so a
 * pipeline sending Basic credentials with every request costs the identity service's two commands
 * (four database round trips) once a second rather than on every request, even while a check is
 * under way (one request checks again; the others go on with what was known a second ago).
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

    static final String SYSTEM_ADMIN = "ROLE_SYSTEM_ADMIN";

    private final Users users;
    private final VerifiedCredentials verified;

    IdentityAuthenticationProvider(Users users,
                                   @Value("${cascade.automations.sync-interval:PT1S}") Duration syncInterval) {
        this.users = users;
        this.verified = new VerifiedCredentials(syncInterval);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        if (username == null) {
            throw new BadCredentialsException("wrong username or password");
        }
        boolean systemAdmin = verified.systemAdmin(username, password).orElseGet(() -> check(username, password));
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (systemAdmin) {
            authorities.add(new SimpleGrantedAuthority(SYSTEM_ADMIN));
        }
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    private boolean check(String username, String password) {
        try {
            if (!users.checkPassword(username, password)) {
                throw new BadCredentialsException("wrong username or password");
            }
            boolean systemAdmin = users.isSystemAdmin(username);
            verified.accepted(username, password, systemAdmin);
            return systemAdmin;
        } catch (RuntimeException refusedOrUnchecked) {
            verified.forget(username, password);
            throw refusedOrUnchecked;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
