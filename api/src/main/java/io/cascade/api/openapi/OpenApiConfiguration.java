package io.cascade.api.openapi;

import io.cascade.engine.action.ActionType;
import io.cascade.engine.common.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The OpenAPI document at /v3/api-docs and Swagger UI at /swagger-ui, both behind the same
 * sign-in as the API. The frontend generates its types from the committed copy, frontend/openapi.json.
 */
@Configuration
class OpenApiConfiguration {

    static {
        // resolved from the signed-in user, not from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, CsrfToken.class);
    }

    @Bean
    OpenAPI cascadeOpenApi(@Value("${cascade.version}") String version) {
        return new OpenAPI()
                .info(new Info().title("Cascade API").version(version)
                        .description("Artifact automations: events, automations, webhooks, launch jobs and their "
                                + "history. Errors are RFC 9457 problem details; a bad value names its field.")
                        .license(new License().name("Apache-2.0")))
                // relative, so the document is the same whichever host and port serve it
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("after POST /login; requests that change something also send the "
                                        + "CASCADE-XSRF-TOKEN cookie's value as X-XSRF-TOKEN")))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("session")));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OpenApiCustomizer actionTypeSchemas(List<ActionType<?>> types) {
        return new ActionTypeSchemas(types);
    }

    @Bean
    OpenApiCustomizer successStatuses() {
        return new SuccessStatuses();
    }
}
