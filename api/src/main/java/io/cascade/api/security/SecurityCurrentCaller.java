package io.cascade.api.security;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.CurrentCaller;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller of the request this thread serves, as Spring Security authenticated it. */
@Component
class SecurityCurrentCaller implements CurrentCaller {

    @Override
    public Optional<Caller> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(CallerArgumentResolver.current());
    }
}
