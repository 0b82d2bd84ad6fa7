package io.cascade.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.engine.camunda.CurrentTenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7.24's fetchAndLock does not apply tenant checks (only authorizations, which know nothing
 * of tenants), so an agent could take another team's runs. This narrows every topic of the request
 * to the caller's own teams before Camunda sees it; a request naming none of them gets no tasks.
 * It is the one agent endpoint a filter guards: complete, failure, extendLock and the others are
 * refused by Camunda's own authorization and tenant checks.
 */
class FetchAndLockTenantFilter extends OncePerRequestFilter {

    static final String FETCH_AND_LOCK = "/engine-rest/external-task/fetchAndLock";

    private final IdentityService identity;
    private final ObjectMapper json = new ObjectMapper();

    FetchAndLockTenantFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && FETCH_AND_LOCK.equals(request.getRequestURI()))
                || identity.getCurrentAuthentication() == null
                || CallerArgumentResolver.current().systemAdmin();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> current = CurrentTenants.of(identity);
        List<String> teams = current == null ? List.of() : current;
        JsonNode body = json.readTree(request.getInputStream());
        if (body == null || !body.isObject() || !body.path("topics").isArray()) {
            chain.doFilter(new BodyRequest(request, json.writeValueAsBytes(body)), response);
            return;
        }
        ArrayNode narrowed = json.createArrayNode();
        for (JsonNode topic : body.get("topics")) {
            List<String> tenants = allowedTenants(topic, teams);
            if (!tenants.isEmpty() && topic.isObject()) {
                ObjectNode copy = ((ObjectNode) topic).deepCopy();
                copy.set("tenantIdIn", json.valueToTree(tenants));
                copy.put("withoutTenantId", false);
                narrowed.add(copy);
            }
        }
        if (narrowed.isEmpty()) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("[]");
            return;
        }
        ((ObjectNode) body).set("topics", narrowed);
        chain.doFilter(new BodyRequest(request, json.writeValueAsBytes(body)), response);
    }

    private static List<String> allowedTenants(JsonNode topic, List<String> teams) {
        JsonNode requested = topic.path("tenantIdIn");
        if (!requested.isArray() || requested.isEmpty()) {
            return teams;
        }
        List<String> allowed = new ArrayList<>();
        requested.forEach(t -> {
            if (teams.contains(t.asText())) {
                allowed.add(t.asText());
            }
        });
        return allowed;
    }

    /** The request with its body replaced. */
    static final class BodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
