package dev.ordertracking.platform;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** RFC 7807 problem details: every error of the HTTP API has this shape; extensions are top-level members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final Map<String, Object> extensions;

    private Problem(String title, int status, String detail, String instance, Map<String, Object> extensions) {
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Response response(Response.Status status, String detail, String instance) {
        return response(status.getStatusCode(), status.getReasonPhrase(), detail, instance, null);
    }

    public static Response response(int status, String title, String detail, String instance,
                                    Map<String, Object> extensions) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem(title, status, detail, instance, extensions)).build();
    }

    public String getType() {
        return "about:blank";
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
