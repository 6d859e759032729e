package dev.ordertracking.platform;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Turns every failure of the HTTP API into problem+json; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problem.response(e.status().getStatusCode(), e.status().getReasonPhrase(), e.getMessage(),
                uri.getPath(), e.extensions());
    }

    /** The one mapping of the services' refusals: same shape as any other problem. */
    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri) {
        Response.Status status = status(e);
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath(),
                e.details());
    }

    /** The HTTP status that says what a refusal means. */
    public static Response.Status status(Refusal e) {
        return e instanceof Refusal.Unknown ? Response.Status.NOT_FOUND
                : e instanceof Refusal.Conflict ? Response.Status.CONFLICT
                : e instanceof Refusal.LimitReached ? Response.Status.TOO_MANY_REQUESTS
                : Response.Status.BAD_REQUEST;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(Exception e, UriInfo uri) {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED,
                        "a valid bearer token is required", uri.getPath()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.response(Response.Status.FORBIDDEN, "the token does not carry the required group",
                uri.getPath());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return Problem.response(Response.Status.BAD_REQUEST, detail, uri.getPath());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = status == 404 ? "no such resource" : type.getReasonPhrase();
        return Problem.response(status, type.getReasonPhrase(), detail, uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it was logged",
                uri.getPath());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
