package nl.bronsein.runtime.apidoc;

import java.util.Comparator;
import java.util.List;

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
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
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

    @Bean
    GroupedOpenApi staffApiGroup(NodeIdentity identity) {
        String node = nodeName(identity.role());
        return GroupedOpenApi.builder()
                .group(STAFF_GROUP)
                .pathsToMatch("/api/**")
                .addOperationCustomizer(STABLE_OPERATION_IDS)
                .addOpenApiCustomizer(describe("Bronsein " + node + " node — staff API",
                        "The API for the " + node + "'s own systems, on the node's staff port (plain HTTP, bound to "
                                + "127.0.0.1 by default). Invalid input is answered 400 application/problem+json with "
                                + "errors [{field, reason}]; an illegal step 409."))
                .build();
    }

    @Bean
    GroupedOpenApi networkApiGroup() {
        return GroupedOpenApi.builder()
                .group(NETWORK_GROUP)
                .pathsToMatch("/network/**")
                .addOperationCustomizer(STABLE_OPERATION_IDS)
                .addOpenApiCustomizer(describe("Bronsein node — network API",
                        "The API every node offers the other participants, on its network port with mutual TLS: "
                                + "the authorised pull of a shared object and the node's own notification history. "
                                + "A certificate the participant list does not pin is answered 401; every request is "
                                + "audited at the owner. The same on every node."))
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
            openApi.setInfo(new Info().title(title).description(description).version(VERSION));
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
