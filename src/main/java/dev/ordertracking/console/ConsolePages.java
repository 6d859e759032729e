package dev.ordertracking.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Optional;

/** What every console page shares: response headers, and refusing cross-site form posts. */
public class ConsolePages {

    /** Nothing loads from elsewhere; forms post only to the console itself. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static Response.ResponseBuilder headers(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("X-Robots-Tag", "noindex, nofollow");
    }

    /**
     * A form post to the console must come from the console's own pages. The session cookie is
     * SameSite=Lax already; this also refuses what a browser marks as cross-site, and a foreign Origin.
     */
    @ServerRequestFilter
    public Optional<Response> refuseCrossSitePosts(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/console")) {
            return Optional.empty();
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return Optional.of(refused());
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals("null") && !sameHost(origin, request.getUriInfo().getRequestUri().getRawAuthority())) {
            return Optional.of(refused());
        }
        return Optional.empty();
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refused() {
        return headers(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Console forms can only be sent from the console's own pages.")).build();
    }
}
