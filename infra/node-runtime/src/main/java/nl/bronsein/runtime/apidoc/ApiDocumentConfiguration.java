package nl.bronsein.runtime.apidoc;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.webmvc.core.configuration.MultipleOpenApiSupportConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import nl.bronsein.runtime.apidoc.ApiConventions.Refusal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.ParticipantRole;

/**
 * The node's OpenAPI documents, one per door, grouped by path: {@code staff} ({@code /api/**}, served on the staff port
 * at {@value ApiDocumentController#STAFF_PATH}) and {@code network} ({@code /network/**}, served on the network port at
 * {@value ApiDocumentController#NETWORK_PATH}). The documents are deterministic: keys sorted, a fixed relative server
 * instead of the host and port a request came in on. Checked-in copies live in {@code docs/api}. An operator who sets
 * {@code springdoc.api-docs.enabled=false} serves neither.
 */
// Before springdoc's: it sets itself up for groups only when it sees GroupedOpenApi beans.
@AutoConfiguration(before = {SpringDocConfiguration.class, MultipleOpenApiSupportConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
@Import(ApiDocumentController.class)
public class ApiDocumentConfiguration {

    public static final String STAFF_GROUP = "staff";
    public static final String NETWORK_GROUP = "network";
    /** Both APIs are versioned in their paths ({@code /api/v1}, {@code /network/v1}); this is the documents' version. */
    static final String VERSION = "v1";
    static final String STAFF_SCHEME = "staffToken";
    static final String NETWORK_SCHEME = "participantCertificate";
    private static final String UNAVAILABLE = "The node's registration (its database) is temporarily unavailable; "
            + "nothing was changed. Try again after Retry-After seconds.";
    /** No LICENSE file or pom licence in the repository yet: EUPL-1.2, the usual licence of Dutch government software. */
    private static final License LICENSE = new License().name("EUPL-1.2").identifier("EUPL-1.2");
    private static final Contact CONTACT = new Contact().name("Bronsein").url("https://bronsein.nl");

    @Bean
    GroupedOpenApi staffApiGroup(NodeIdentity identity) {
        String node = nodeName(identity.role());
        return group(STAFF_GROUP, "/api/**", describe("Bronsein " + node + " node — staff API",
                        "The API for the " + node + "'s own systems, on the node's staff port (plain HTTP, bound to "
                                + "127.0.0.1 by default). Every request carries a staff token of the organisation's "
                                + "identity provider; each task needs a role. Every refusal is application/problem+json: "
                                + "invalid input 400 with errors [{field, reason}], an illegal step 409, a body over "
                                + "the size limit 413."),
                ApiConventions.door(STAFF_SCHEME, ApiConventions.bearerJwt(
                        "A JWT of the organisation's identity provider for this node (bronsein.staff.issuer, audience), "
                                + "with the staff member's roles in the configured roles claim."), Map.of(
                        Refusal.BAD_REQUEST, "Invalid request: a field, parameter or body that cannot be read or breaks "
                                + "a rule; errors names each field and why (never its value).",
                        Refusal.UNAUTHORIZED, "No valid staff token: a Bearer JWT of this node's identity provider is "
                                + "required.",
                        Refusal.FORBIDDEN, "The staff member's roles do not include this task.",
                        Refusal.NOT_FOUND, "No such object.",
                        Refusal.CONFLICT, "The step is not allowed in the object's current status, or the object "
                                + "changed meanwhile (type https://bronsein.nl/problems/changed-meanwhile: read it "
                                + "again and retry), or a request with the same Idempotency-Key is still being done "
                                + "(type https://bronsein.nl/problems/idempotency-key-in-use: send it again for its "
                                + "answer).",
                        Refusal.UNPROCESSABLE_CONTENT, "The Idempotency-Key was used for another request (type "
                                + "https://bronsein.nl/problems/idempotency-key-reused); a new request needs a new key.",
                        Refusal.CONTENT_TOO_LARGE, "The request body is larger than the node's "
                                + "bronsein.staff-api.max-request-size (256KB by default).",
                        Refusal.SERVICE_UNAVAILABLE, UNAVAILABLE)));
    }

    @Bean
    GroupedOpenApi networkApiGroup() {
        return group(NETWORK_GROUP, "/network/**", describe("Bronsein node — network API",
                        "The API every node offers the other participants, on its network port with mutual TLS: "
                                + "the authorised pull of a shared object and the node's own notification history. "
                                + "A certificate the participant list does not pin is answered 401; every request is "
                                + "audited at the owner. The same on every node. Every refusal is "
                                + "application/problem+json."),
                ApiConventions.door(NETWORK_SCHEME, ApiConventions.mutualTls(
                        "TLS with a client certificate: the node certificate of a participant, issued by a CA the "
                                + "node trusts and pinned (by its SHA-256) in the participant list."), Map.of(
                        Refusal.BAD_REQUEST, "A request the node will not read: a parameter out of range (errors names "
                                + "it) or a path the request firewall refuses.",
                        Refusal.UNAUTHORIZED, "The client certificate is not one the participant list pins.",
                        Refusal.FORBIDDEN, "Pull refused: no purpose stated, a purpose the caller's role may not use, "
                                + "one the citizen's consent does not cover, or an object withdrawn at its source.",
                        Refusal.NOT_FOUND, "No such object, or one the caller is not involved in (its existence is "
                                + "not revealed).",
                        Refusal.SERVICE_UNAVAILABLE, UNAVAILABLE)));
    }

    private static GroupedOpenApi group(String name, String paths, OpenApiCustomizer description, OpenApiCustomizer door) {
        return GroupedOpenApi.builder()
                .group(name)
                .pathsToMatch(paths)
                .addOperationCustomizer(STABLE_OPERATION_IDS)
                .addOperationCustomizer(ApiConventions.REFUSALS)
                .addOpenApiCustomizer(description)
                .addOpenApiCustomizer(door)
                .build();
    }

    /**
     * Operation ids from the controller and the method ({@code ReferralController.list} → {@code referralList},
     * {@code RewindController.rewind} → {@code rewind}) instead of springdoc's {@code list}, {@code list_1}, whose
     * numbering depends on which other controllers a node has.
     */
    static final OperationCustomizer STABLE_OPERATION_IDS = (operation, handlerMethod) -> {
        String stem = StringUtils.uncapitalize(handlerMethod.getBeanType().getSimpleName().replaceFirst("Controller$", ""));
        String method = handlerMethod.getMethod().getName();
        operation.setOperationId(method.equals(stem) ? method : stem + StringUtils.capitalize(method));
        return operation;
    };

    static String nodeName(ParticipantRole role) {
        return switch (role) {
            case GP_PRACTICE -> "GP practice";
            case MUNICIPALITY -> "municipality";
            case PROVIDER -> "provider";
        };
    }

    private static OpenApiCustomizer describe(String title, String description) {
        return openApi -> {
            openApi.setInfo(new Info().title(title).description(description).version(VERSION)
                    .contact(CONTACT).license(LICENSE));
            // Relative: the same document whatever host and port it was fetched through.
            openApi.setServers(List.of(new Server().url("/")));
            sortTags(openApi);
        };
    }

    private static void sortTags(OpenAPI openApi) {
        if (openApi.getTags() != null) {
            openApi.setTags(openApi.getTags().stream()
                    .sorted(Comparator.comparing(Tag::getName)).toList());
        }
    }
}
