package dev.ordertracking.devtools;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;

/**
 * Mints a token signed with the local stack's throw-away key, so a developer can call the API.
 * Exists only in builds with {@code tracking.dev.token-endpoint=true} (the dev and test profiles).
 */
@Path("/dev/token")
@IfBuildProperty(name = "tracking.dev.token-endpoint", stringValue = "true")
public class DevTokenResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@QueryParam("user") String user, @QueryParam("groups") String groups) {
        return Jwt.upn(user == null || user.isBlank() ? "dev-support@example.com" : user)
                .groups(Set.of((groups == null || groups.isBlank() ? "support" : groups).split(",")))
                .sign();
    }
}
