package dev.ordertracking.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds to the OpenAPI document the answers every bearer-token operation can give before its own code
 * runs: 401 without a valid token, 403 without the support group, both as problem+json (see
 * {@link ProblemMappers}). Registered by {@code mp.openapi.filter}.
 */
public class ApiErrorResponses implements OASFilter {

    /** The security scheme {@code quarkus.smallrye-openapi.security-scheme} declares for bearer tokens. */
    static final String BEARER_SCHEME = "SecurityScheme";

    @Override
    public Operation filterOperation(Operation operation) {
        boolean bearer = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.hasScheme(BEARER_SCHEME));
        if (bearer && operation.getResponses() != null) {
            if (!operation.getResponses().hasAPIResponse("401")) {
                operation.getResponses().addAPIResponse("401", problem("No valid bearer token"));
            }
            if (!operation.getResponses().hasAPIResponse("403")) {
                operation.getResponses().addAPIResponse("403", problem("The token does not carry the support group"));
            }
        }
        return operation;
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE.toString(),
                OASFactory.createMediaType().schema(OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.OBJECT)
                        .description("RFC 7807 problem details: type, title, status, detail, instance")));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
