package nl.bronsein.runtime.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request limits in front of Spring MVC with the node's problem responses, for a staff API that reads at most 16
 * bytes of body: each limit lets through a request at it and refuses one just past it as problem+json naming the
 * reason, without the endpoint running.
 */
class RequestLimitsTest {

    private static final int MAX_BYTES = 16;
    private static final String TOO_LARGE = "the request body is larger than 16 bytes";

    private final StaffApiProperties properties = new StaffApiProperties(0, "127.0.0.1", DataSize.ofBytes(MAX_BYTES));
    private final Connectors connectors = new Connectors(properties);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new ProblemResponses())
            .addFilters(new AsTomcatHandsItOver(), new RequestLimits(connectors, properties))
            .build();

    @RestController
    static class Endpoints {

        @GetMapping({"/api/things/{id}", "/network/v1/things/{id}"})
        String thing(@PathVariable String id) {
            return "thing " + id;
        }

        @PostMapping({"/api/echo", "/network/v1/echo"})
        String echo(@RequestBody String body) {
            return "read " + body.length();
        }
    }

    @Test
    void aQueryStringThatCannotBeDecodedIsRefused() throws Exception {
        mvc.perform(get("/api/things/a").with(query("q=%41")).with(onStaffDoor()))
                .andExpect(status().isOk()).andExpect(content().string("thing a"));

        assertProblem(mvc.perform(get("/api/things/a").with(query("q=%zz")).with(onStaffDoor())), 400,
                "the query string could not be read");
        assertProblem(mvc.perform(get("/network/v1/things/a").with(query("q=%zz"))), 400,
                "the query string could not be read");
    }

    @Test
    void aPathParameterThatCannotBeDecodedIsRefused() throws Exception {
        mvc.perform(get("/api/things/a").with(requestUri("/api/things/a;v=%41")).with(onStaffDoor()))
                .andExpect(status().isOk()).andExpect(content().string("thing a"));

        assertProblem(mvc.perform(get("/api/things/a").with(requestUri("/api/things/a;v=%zz")).with(onStaffDoor())),
                400, "the path could not be read");
        assertProblem(mvc.perform(get("/network/v1/things/a").with(requestUri("/network/v1/things/a;v=%zz"))),
                400, "the path could not be read");
    }

    @Test
    void aContentTypeWithAWildcardIsRefusedAlsoOnAGet() throws Exception {
        mvc.perform(post("/api/echo").contentType(MediaType.APPLICATION_JSON).content("{}").with(onStaffDoor()))
                .andExpect(status().isOk()).andExpect(content().string("read 2"));

        String reason = "the content type must name one type, such as application/json";
        assertProblem(mvc.perform(post("/api/echo").contentType("application/*").content("{}").with(onStaffDoor())),
                415, reason);
        assertProblem(mvc.perform(get("/api/things/a").contentType("*/*").with(onStaffDoor())), 415, reason);
        assertProblem(mvc.perform(post("/network/v1/echo").contentType("text/*").content("{}")), 415, reason);
    }

    @Test
    void aStaffBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        mvc.perform(staffBody(MAX_BYTES)).andExpect(status().isOk()).andExpect(content().string("read 16"));

        assertProblem(mvc.perform(staffBody(MAX_BYTES + 1)), 413, TOO_LARGE);
    }

    @Test
    void aChunkedStaffBodyIsCutOffWhereItPassesTheLimit() throws Exception {
        mvc.perform(staffBody(MAX_BYTES).header("Transfer-Encoding", "chunked"))
                .andExpect(status().isOk()).andExpect(content().string("read 16"));

        assertProblem(mvc.perform(staffBody(MAX_BYTES + 1).header("Transfer-Encoding", "chunked")), 413, TOO_LARGE);
    }

    @Test
    void theBodyLimitIsTheStaffApisOnly() throws Exception {
        // the network API's bodies are bounded where they are read; this limit is the staff API's setting
        mvc.perform(post("/network/v1/echo").contentType(MediaType.TEXT_PLAIN).content("x".repeat(MAX_BYTES + 1)))
                .andExpect(status().isOk()).andExpect(content().string("read 17"));
    }

    private MockHttpServletRequestBuilder staffBody(int bytes) {
        return post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("x".repeat(bytes)).with(onStaffDoor());
    }

    private static void assertProblem(ResultActions result, int status, String detail) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    /** The connector a request came in on is its local port; a request on any other port came in on the network door. */
    private RequestPostProcessor onStaffDoor() {
        return request -> {
            request.setLocalPort(connectors.staffPort());
            return request;
        };
    }

    /** Set as the container received it, undecoded: a request builder would encode what the test means to send. */
    private static RequestPostProcessor query(String queryString) {
        return request -> {
            request.setQueryString(queryString);
            return request;
        };
    }

    private static RequestPostProcessor requestUri(String uri) {
        return request -> {
            request.setRequestURI(uri);
            return request;
        };
    }

    /**
     * What Tomcat does and a mock request does not: it decodes the query string only when a parameter is first read,
     * throwing there if it cannot, and it knows no length for a chunked body.
     */
    private static final class AsTomcatHandsItOver extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean chunked = "chunked".equals(request.getHeader("Transfer-Encoding"));
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public Map<String, String[]> getParameterMap() {
                    if (getQueryString() != null) {
                        try {
                            URLDecoder.decode(getQueryString(), StandardCharsets.UTF_8);
                        } catch (IllegalArgumentException undecodable) {
                            throw new InvalidParameterException("cannot decode the query string");
                        }
                    }
                    return super.getParameterMap();
                }

                @Override
                public int getContentLength() {
                    return chunked ? -1 : super.getContentLength();
                }

                @Override
                public long getContentLengthLong() {
                    return chunked ? -1 : super.getContentLengthLong();
                }
            }, response);
        }
    }
}
