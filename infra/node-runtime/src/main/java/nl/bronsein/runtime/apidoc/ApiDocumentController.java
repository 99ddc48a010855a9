package nl.bronsein.runtime.apidoc;

import java.util.Locale;

import org.springdoc.webmvc.api.MultipleOpenApiWebMvcResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Serves each OpenAPI document behind its own door: {@value #STAFF_PATH} on the staff port, {@value #NETWORK_PATH} on
 * the network port (to listed participants only, like the rest of {@code /network/**}). The door filter keeps each
 * path off the other port and springdoc's own {@code /v3/api-docs/**} off both. One fixed locale, so a caller's
 * {@code Accept-Language} neither changes the document nor grows springdoc's per-locale cache.
 */
@Hidden
@RestController
class ApiDocumentController {

    public static final String STAFF_PATH = "/api/openapi.json";
    public static final String NETWORK_PATH = "/network/v1/openapi.json";

    private final MultipleOpenApiWebMvcResource documents;

    public ApiDocumentController(MultipleOpenApiWebMvcResource documents) {
        this.documents = documents;
    }

    @GetMapping(path = STAFF_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] staff(HttpServletRequest request) throws JsonProcessingException {
        return documents.openapiJson(request, STAFF_PATH, ApiDocumentConfiguration.STAFF_GROUP, Locale.ENGLISH);
    }

    @GetMapping(path = NETWORK_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] network(HttpServletRequest request) throws JsonProcessingException {
        return documents.openapiJson(request, NETWORK_PATH, ApiDocumentConfiguration.NETWORK_GROUP, Locale.ENGLISH);
    }
}
