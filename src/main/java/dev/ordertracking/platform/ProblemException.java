package dev.ordertracking.platform;

import jakarta.ws.rs.core.Response;

import java.util.Map;

/** An error with a message fit for the caller; rendered as problem+json. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;
    private final Map<String, Object> extensions;

    public ProblemException(Response.Status status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(Response.Status status, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.extensions = extensions;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    public Response.Status status() {
        return status;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
