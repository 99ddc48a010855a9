package nl.bronsein.runtime.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem+json answer written straight to the response, for refusals made outside Spring MVC (filters, the error
 * dispatch, Tomcat's own), where no message converter runs. Only fixed texts go in, never what the request held; Jackson
 * writes them all the same, so that a quote in a text can never end the string early (they were once concatenated).
 */
final class ProblemWriter {

    /** Immutable and thread-safe once built: one for every answer, as Jackson advises. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The members of RFC 9457 a refusal outside Spring MVC has, in the order Spring's own problem answers give them. */
    private record Problem(String type, String title, int status, String detail) {
    }

    private ProblemWriter() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        write(response, status, known == null ? "Error" : known.getReasonPhrase(), detail);
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(new Problem("about:blank", title, status, detail)));
    }
}
