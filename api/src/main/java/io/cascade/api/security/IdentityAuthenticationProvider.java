package io.cascade.api.security;

import io.cascade.engine.user.Users;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Checks passwords against Camunda's identity service: one user store for the API, the frontend and Cockpit. */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

    static final String SYSTEM_ADMIN = "ROLE_SYSTEM_ADMIN";

    private final Users users;

    IdentityAuthenticationProvider(Users users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        if (!users.checkPassword(username, password)) {
            throw new BadCredentialsException("wrong username or password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (users.isSystemAdmin(username)) {
            authorities.add(new SimpleGrantedAuthority(SYSTEM_ADMIN));
        }
        return UsernamePasswordAuthenticationToken.authenticated(username, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
