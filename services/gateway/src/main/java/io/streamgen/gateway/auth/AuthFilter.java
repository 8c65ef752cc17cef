package io.streamgen.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Hands the principal {@link FrontDoor} found to the REST resources as their {@link SecurityContext}
 * (for {@code requestedBy}). The checks themselves are all in {@link FrontDoor}: it runs before every
 * surface, REST or not.
 */
public class AuthFilter {

    @ServerRequestFilter(preMatching = true)
    public void principal(ContainerRequestContext request, RoutingContext rc) {
        String name = rc.get(FrontDoor.PRINCIPAL);
        if (name == null) {
            return;
        }
        String scheme = rc.get(FrontDoor.SCHEME);
        boolean secure = rc.request().isSSL() || "https".equals(rc.request().scheme());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        });
    }
}
