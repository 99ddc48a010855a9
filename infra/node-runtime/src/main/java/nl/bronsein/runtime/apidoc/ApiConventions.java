package nl.bronsein.runtime.apidoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import nl.bronsein.runtime.idempotency.Idempotent;

/**
 * What every operation of a door has in common and the controllers need not repeat: how a caller authenticates (the
 * security scheme), and the refusals it can meet, all {@code application/problem+json}. The refusals an operation can
 * meet follow from what it is, so they are derived here rather than annotated on each method:
 * <ul>
 * <li>400 when it reads parameters or a body (validation, unreadable JSON, a path the request firewall refuses);</li>
 * <li>401 always (no valid staff token; on the network port a certificate the participant list does not pin);</li>
 * <li>403 when a role guards it ({@code @PreAuthorize}); the pull declares its own (the pull policy);</li>
 * <li>404 when it names an object in its path;</li>
 * <li>409 when it changes a named object (an illegal step, or the object changed meanwhile);</li>
 * <li>413 when it takes a body (the staff port's {@code bronsein.staff-api.max-request-size});</li>
 * <li>for an operation that creates ({@link Idempotent}): the optional {@code Idempotency-Key} header, 409 (a request
 *     with the key still being done) and 422 (the key was used for another request);</li>
 * <li>503 always (the registration's database is away; nothing was changed).</li>
 * </ul>
 * A response an operation declares itself is kept. {@code ApiStatusCodesTest} (network tests) checks these against
 * what the nodes really answer.
 */
final class ApiConventions {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /** The refusals, by status, with the component name each is documented under. */
    enum Refusal {
        BAD_REQUEST("400", "BadRequest"),
        UNAUTHORIZED("401", "Unauthorized"),
        FORBIDDEN("403", "Forbidden"),
        NOT_FOUND("404", "NotFound"),
        CONFLICT("409", "Conflict"),
        CONTENT_TOO_LARGE("413", "ContentTooLarge"),
        UNPROCESSABLE_CONTENT("422", "IdempotencyKeyReused"),
        SERVICE_UNAVAILABLE("503", "ServiceUnavailable");

        final String status;
        final String component;

        Refusal(String status, String component) {
            this.status = status;
            this.component = component;
        }
    }

    private ApiConventions() {
    }

    /**
     * The door's security scheme, required by every operation, and the refusals (described for this door) as reusable
     * responses. Only the refusals some operation uses are kept, so the document has no unused components.
     */
    static OpenApiCustomizer door(String schemeName, SecurityScheme scheme, Map<Refusal, String> descriptions) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSecuritySchemes(schemeName, scheme);
            openApi.setSecurity(List.of(new SecurityRequirement().addList(schemeName)));
            Set<String> used = usedResponses(openApi);
            descriptions.forEach((refusal, description) -> {
                if (used.contains(RESPONSES + refusal.component)) {
                    components.addResponses(refusal.component, problemResponse(refusal, description));
                }
            });
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        };
    }

    static SecurityScheme bearerJwt(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT").description(description);
    }

    static SecurityScheme mutualTls(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.MUTUALTLS).description(description);
    }

    /** Adds the refusals the operation can meet (see the class comment) and the Location of what a 201 created. */
    static final OperationCustomizer REFUSALS = (operation, handler) -> {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean named = parameters(operation).stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean body = operation.getRequestBody() != null;
        PreAuthorize roles = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (body || !parameters(operation).isEmpty()) {
            refuse(responses, Refusal.BAD_REQUEST);
        }
        refuse(responses, Refusal.UNAUTHORIZED);
        if (roles != null) {
            refuse(responses, Refusal.FORBIDDEN);
            operation.setDescription(join(operation.getDescription(), rolesSentence(roles.value())));
        }
        if (named) {
            refuse(responses, Refusal.NOT_FOUND);
        }
        if (named && changes(handler)) {
            refuse(responses, Refusal.CONFLICT);
        }
        if (handler.hasMethodAnnotation(Idempotent.class)) {
            operation.addParametersItem(idempotencyKey());
            refuse(responses, Refusal.CONFLICT);
            refuse(responses, Refusal.UNPROCESSABLE_CONTENT);
        }
        if (body) {
            refuse(responses, Refusal.CONTENT_TOO_LARGE);
        }
        refuse(responses, Refusal.SERVICE_UNAVAILABLE);
        ApiResponse created = responses.get("201");
        if (created != null) {
            created.addHeaderObject("Location", new Header().description("where the created object can be read")
                    .schema(new StringSchema().format("uri-reference")));
        }
        return operation;
    };

    /** The header of the IETF draft draft-ietf-httpapi-idempotency-key-header, as {@code IdempotencyFilter} reads it. */
    private static Parameter idempotencyKey() {
        return new Parameter().in("header").name("Idempotency-Key").required(false)
            .description("A key the client makes for this one request (e.g. a UUID), so that it can send the request "
                    + "again after a timeout without creating twice: the same key with the same request gets the first "
                    + "answer again (its status, Location and body) within bronsein.idempotency.retention (24h by "
                    + "default); another request with the key is refused (422). Keys are the staff member's own. An "
                    + "sf-string (in quotes) or the bare key, 1 to 255 visible ASCII characters without quotes or "
                    + "backslashes inside; anything else is refused (400). Without it, every request creates.")
            .schema(new StringSchema().minLength(1).maxLength(257).example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""));
    }

    private static void refuse(ApiResponses responses, Refusal refusal) {
        responses.computeIfAbsent(refusal.status, status -> new ApiResponse().$ref(RESPONSES + refusal.component));
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static boolean changes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && List.of(mapping.method()).stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD);
    }

    /** {@code hasAnyRole('GP', 'PRACTICE_ASSISTANT')} → "Roles: GP, PRACTICE_ASSISTANT." — the roles are the quoted names. */
    static String rolesSentence(String expression) {
        List<String> roles = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(expression);
        while (quoted.find()) {
            roles.add(quoted.group(1));
        }
        return roles.isEmpty() ? null : (roles.size() == 1 ? "Role: " : "Roles (any of): ") + String.join(", ", roles) + ".";
    }

    private static String join(String description, String sentence) {
        if (sentence == null) {
            return description;
        }
        return description == null || description.isBlank() ? sentence : description + "\n\n" + sentence;
    }

    private static Set<String> usedResponses(OpenAPI openApi) {
        Set<String> used = new java.util.HashSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> {
                        if (response.get$ref() != null) {
                            used.add(response.get$ref());
                        }
                    });
                }
            }));
        }
        return used;
    }

    private static ApiResponse problemResponse(Refusal refusal, String description) {
        ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(
                MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(SCHEMAS + PROBLEM_SCHEMA))));
        if (refusal == Refusal.SERVICE_UNAVAILABLE) {
            response.addHeaderObject("Retry-After", new Header().description("seconds after which to try again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** RFC 9457 problem details as {@code ProblemResponses} writes them, with the invalid fields of a 400. */
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("what kind of problem, e.g. "
                + "https://bronsein.nl/problems/invalid-request; absent for a plain refusal (about:blank)"));
        properties.put("title", new StringSchema().description("a short summary of the kind of problem"));
        properties.put("status", new IntegerSchema().description("the HTTP status code"));
        properties.put("detail", new StringSchema().description("what went wrong with this request; never a value the request carried"));
        properties.put("instance", new StringSchema().format("uri-reference").description("the path of the request"));
        Schema<?> field = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field as a JSON path, e.g. citizen.bsn, or $ for the body"))
                .addProperty("reason", new StringSchema().description("why it was refused"));
        field.setRequired(List.of("field", "reason"));
        properties.put("errors", new ArraySchema().items(field)
                .description("on 400 Invalid request: each refused field and why, sorted by field"));
        Schema<?> problem = new ObjectSchema().description("A refusal, as RFC 9457 problem details.");
        problem.setProperties(properties);
        problem.setRequired(List.of("status", "title"));
        return problem;
    }
}
