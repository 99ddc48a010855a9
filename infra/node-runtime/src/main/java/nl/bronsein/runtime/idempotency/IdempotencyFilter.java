package nl.bronsein.runtime.idempotency;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.idempotency.IdempotencyKeys.FirstAnswer;
import nl.bronsein.runtime.web.Connectors;
import nl.bronsein.runtime.web.ProblemResponses;
import nl.bronsein.runtime.web.RequestLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} header of the creating staff operations ({@link Idempotent}), with the semantics of the
 * IETF draft (draft-ietf-httpapi-idempotency-key-header): the same key with the same request gets the first answer
 * again (its status, {@code Location} and body) and creates nothing; the same key with another request is refused
 * (422); a key that is no key is refused (400, naming the header). Keys are the caller's own: two staff members can use
 * the same key. Without the header a request is done as it always was.
 *
 * <p>Safe across threads and instances of the node because the database decides: the key is inserted before the work
 * and committed in one transaction with it and its answer ({@link IdempotencyKeys}). A repeat arriving while the first
 * is still being done waits on the key until the first commits and then gets its answer; if the database gives up
 * waiting first (H2's lock timeout), the repeat is refused with 409 and can be sent again. A first request that fails
 * (any answer but 2xx) keeps nothing: the key is free for a corrected request.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    /** Visible ASCII but the quote and backslash: what an sf-string holds, also sent without its quotes. */
    private static final Pattern KEY = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1," + MAX_KEY_LENGTH + "}");
    static final URI KEY_REUSED = URI.create("https://bronsein.nl/problems/idempotency-key-reused");
    static final URI KEY_IN_USE = URI.create("https://bronsein.nl/problems/idempotency-key-in-use");

    private final Predicate<HttpServletRequest> idempotentOperation;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration retention;
    private final JsonMapper json;

    /**
     * The filter for the staff door's POST requests to operations marked {@link Idempotent}, found in Spring MVC's own
     * mapping (supplied late: the filter is made before the mapping).
     */
    public static IdempotencyFilter of(Connectors connectors, Supplier<RequestMappingHandlerMapping> mapping, JdbcClient jdbc,
                                       TransactionTemplate transactions, Clock clock, IdempotencyProperties properties,
                                       JsonMapper json) {
        Predicate<HttpServletRequest> marked = request -> {
            if (!"POST".equals(request.getMethod()) || !connectors.isStaffRequest(request)) {
                return false;
            }
            boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
            try {
                if (parsedHere) {
                    ServletRequestPathUtils.parseAndCache(request);
                }
                HandlerExecutionChain handler = mapping.get().getHandler(request);
                return handler != null && handler.getHandler() instanceof HandlerMethod method
                        && method.hasMethodAnnotation(Idempotent.class);
            } catch (Exception noOperation) {
                // no mapping fits (404, 405...): Spring MVC refuses the request itself
                return false;
            } finally {
                if (parsedHere) {
                    ServletRequestPathUtils.clearParsedRequestPath(request);
                }
            }
        };
        return new IdempotencyFilter(marked, new IdempotencyKeys(jdbc), transactions, clock, properties, json);
    }

    IdempotencyFilter(Predicate<HttpServletRequest> idempotentOperation, IdempotencyKeys keys,
                      TransactionTemplate transactions, Clock clock, IdempotencyProperties properties, JsonMapper json) {
        this.idempotentOperation = idempotentOperation;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = properties.retention();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (request.getHeader(HEADER) == null || caller == null || caller instanceof AnonymousAuthenticationToken
                || !idempotentOperation.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String key = key(Collections.list(request.getHeaders(HEADER)));
        if (key == null) {
            invalidKey(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestLimits.TooLarge tooLarge) {
            problem(response, HttpStatus.CONTENT_TOO_LARGE, null, "Content too large", tooLarge.getMessage(), request);
            return;
        }
        String who = sha256(caller.getName().getBytes(StandardCharsets.UTF_8));
        String fingerprint = fingerprint(request, body);
        try {
            keys.forgetBefore(clock.instant().minus(retention));
            Optional<FirstAnswer> first = keys.find(who, key);
            if (first.isPresent()) {
                answerAgain(first.get(), fingerprint, request, response);
                return;
            }
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            transactions.executeWithoutResult(transaction -> {
                claim(who, key, fingerprint);
                try {
                    chain.doFilter(new WithBody(request, body), answer);
                } catch (IOException | ServletException e) {
                    throw new ChainFailed(e);
                }
                if (answer.getStatus() >= 200 && answer.getStatus() < 300) {
                    keys.answer(who, key, answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                            new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
                } else {
                    transaction.setRollbackOnly();
                }
            });
            // only now, after the commit, does the client hear that it was created
            answer.copyBodyToResponse();
        } catch (KeyTaken taken) {
            answerAgain(keys.find(who, key).orElseThrow(), fingerprint, request, response);
        } catch (KeyInUse inUse) {
            problem(response, HttpStatus.CONFLICT, KEY_IN_USE, "Idempotency key in use", "a request with this "
                    + "Idempotency-Key is still being done; send it again to get its answer", request);
        } catch (ChainFailed failed) {
            if (failed.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) failed.getCause();
        } catch (TransactionException | DataAccessException unavailable) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, null, "Temporarily unavailable",
                    "the node's registration is temporarily unavailable; nothing was changed, try again", request);
        }
    }

    /** The one key of the request, with or without the quotes of an sf-string; null if it is none. */
    static String key(List<String> values) {
        if (values.size() != 1) {
            return null;
        }
        String key = values.get(0).strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        return KEY.matcher(key).matches() ? key : null;
    }

    private void claim(String who, String key, String fingerprint) {
        try {
            keys.claim(who, key, fingerprint, clock.instant());
        } catch (DuplicateKeyException committedFirst) {
            throw new KeyTaken();
        } catch (PessimisticLockingFailureException | QueryTimeoutException stillBeingDone) {
            throw new KeyInUse();
        }
    }

    private void answerAgain(FirstAnswer first, String fingerprint, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!first.fingerprint().equals(fingerprint)) {
            problem(response, HttpStatus.UNPROCESSABLE_CONTENT, KEY_REUSED, "Idempotency key reused", "this "
                    + "Idempotency-Key was used for another request; a new request needs a new key", request);
            return;
        }
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        byte[] body = first.body() == null ? new byte[0] : first.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void invalidKey(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> problem = problem(HttpStatus.BAD_REQUEST, ProblemResponses.INVALID_REQUEST, "Invalid request",
                "1 field is invalid", request);
        problem.put("errors", List.of(Map.of("field", HEADER, "reason", "must be one key of 1 to " + MAX_KEY_LENGTH
                + " visible ASCII characters, without quotes or backslashes inside")));
        write(response, HttpStatus.BAD_REQUEST, problem);
    }

    private void problem(HttpServletResponse response, HttpStatus status, URI type, String title, String detail,
                         HttpServletRequest request) throws IOException {
        write(response, status, problem(status, type, title, detail, request));
    }

    private static Map<String, Object> problem(HttpStatus status, URI type, String title, String detail,
                                               HttpServletRequest request) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type == null ? "about:blank" : type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        return problem;
    }

    private void write(HttpServletResponse response, HttpStatus status, Map<String, Object> problem) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** What makes two requests the same: method, path, query, content type and body. */
    static String fingerprint(HttpServletRequest request, byte[] body) {
        String head = request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + request.getContentType() + "\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return sha256(all);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Another request with the key committed while this one waited: its answer is this one's too. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    /** Another request with the key is still being done, and the database gave up waiting for it. */
    private static final class KeyInUse extends RuntimeException {
        KeyInUse() {
            super(null, null, false, false);
        }
    }

    private static final class ChainFailed extends RuntimeException {
        ChainFailed(Exception cause) {
            super(cause);
        }
    }

    /** The request with its body read already (to fingerprint it), to be read again by the operation. */
    private static final class WithBody extends HttpServletRequestWrapper {

        private final byte[] body;

        WithBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
