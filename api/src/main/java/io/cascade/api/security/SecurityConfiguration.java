package io.cascade.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import io.cascade.engine.token.ApiTokens;
import io.cascade.engine.user.Users;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every endpoint needs a user except health, the login itself and the app's static files.
 * /engine-rest is Camunda's REST API: left open by its starter, closed here. Cockpit
 * (/camunda/**) runs its own login against the same user store, and Camunda's authorizations
 * decide who may open it and what they see (team operators: their own teams' runs).
 */
@Configuration
class SecurityConfiguration {

    /** Matches the request path whichever servlet serves it (Camunda's REST API and Cockpit are not Spring MVC). */
    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * What a launch agent needs, and no more: batch and admin operations on external tasks check
     * tenants only when the batch is created, so they stay with system administrators.
     */
    static final RequestMatcher[] AGENT_ENDPOINTS = Stream.of(
                    agent(HttpMethod.POST, "/engine-rest/external-task/fetchAndLock"),
                    agent(HttpMethod.POST, "/engine-rest/external-task/{id}/complete"),
                    agent(HttpMethod.POST, "/engine-rest/external-task/{id}/failure"),
                    agent(HttpMethod.POST, "/engine-rest/external-task/{id}/bpmnError"),
                    agent(HttpMethod.POST, "/engine-rest/external-task/{id}/extendLock"),
                    agent(HttpMethod.POST, "/engine-rest/external-task/{id}/unlock"),
                    agent(HttpMethod.GET, "/engine-rest/external-task"),
                    agent(HttpMethod.GET, "/engine-rest/external-task/{id}"))
            .toArray(RequestMatcher[]::new);

    private static RequestMatcher agent(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    static RequestMatcher[] paths(String... patterns) {
        return Arrays.stream(patterns).map(SecurityConfiguration::path).toArray(RequestMatcher[]::new);
    }

    /** Cockpit keeps its own XSRF-TOKEN cookie; ours has another name so the two never collide. */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieName("CASCADE-XSRF-TOKEN");
        return repository;
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: no
     * dashboard reads them, and they cost about 6% of an event's CPU (JFR, issue 15). The HTTP
     * server's own request meters (http_server_requests) stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager authenticationManager(IdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager authentication, IdentityService identity,
                                   ApiTokens tokens, ExternalTaskService externalTasks) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        return http.securityMatcher(path("/engine-rest/**"))
                .authenticationManager(authentication)
                // Agents (team accounts) use the external-task API; the rest of Camunda's API can deploy
                // processes whose expressions reach every bean, so it is for system administrators only.
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(AGENT_ENDPOINTS).authenticated()
                        .anyRequest().hasAuthority(IdentityAuthenticationProvider.SYSTEM_ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineRestAuthenticationFilter(identity), BasicAuthenticationFilter.class)
                .addFilterAfter(new WebhookTopicFilter(externalTasks), EngineRestAuthenticationFilter.class)
                .addFilterAfter(new FetchAndLockTenantFilter(identity), WebhookTopicFilter.class)
                .addFilterAfter(new ExternalTaskOwnerFilter(externalTasks), FetchAndLockTenantFilter.class)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain application(HttpSecurity http, AuthenticationManager authentication, Users users,
                                    ApiTokens tokens, @Value("${cascade.metrics.scrape-token:}") String scrapeToken,
                                    ExternalTaskService externalTasks)
            throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        return http
                .authenticationManager(authentication)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                        .requestMatchers(paths("/", "/index.html", "/assets/**", "/favicon.ico")).permitAll()
                        .requestMatchers(paths("/api/v1/csrf", "/login", "/error")).permitAll()
                        .requestMatchers(path("/camunda/**")).permitAll()
                        .requestMatchers(path(ScrapeTokenFilter.PATH)).hasAnyAuthority(
                                IdentityAuthenticationProvider.SYSTEM_ADMIN, ScrapeTokenFilter.SCRAPER)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .addFilterBefore(new ScrapeTokenFilter(scrapeToken), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterAfter(new CockpitWriteFilter(users), BasicAuthenticationFilter.class)
                // Cockpit serves Camunda's REST API too, external tasks included
                .addFilterAfter(new WebhookTopicFilter(externalTasks), CockpitWriteFilter.class)
                .formLogin(form -> form.loginProcessingUrl("/login")
                        .successHandler((req, res, auth) -> res.setStatus(HttpServletResponse.SC_NO_CONTENT))
                        .failureHandler((req, res, ex) -> entryPoint.commence(req, res, ex)))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler((req, res, auth) -> res.setStatus(HttpServletResponse.SC_NO_CONTENT)))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        .csrfTokenRepository(csrfCookie())
                        // Basic- and token-authenticated API clients carry no cookie a forged request could ride on,
                        // and without a session there is nothing to forge (such requests get a 401).
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null)
                        .ignoringRequestMatchers(request -> request.getSession(false) == null
                                && !"/login".equals(request.getRequestURI()))
                        // Cockpit has its own CSRF protection.
                        .ignoringRequestMatchers(path("/camunda/**")))
                .build();
    }
}
