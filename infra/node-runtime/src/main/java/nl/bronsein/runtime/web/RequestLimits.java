package nl.bronsein.runtime.web;

import java.io.IOException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a request must be before anything of the node reads it, refused as problem+json where Spring or Tomcat would
 * otherwise fail with a 500 and a stack trace, or read without bound:
 * <ul>
 * <li>a query string Tomcat cannot decode (400): Tomcat decodes it only when a parameter is first read, and then
 *     throws wherever that is (the door filter, the security filters, a controller), logging the raw query;
 * <li>a path Spring cannot parse (400), such as a path parameter {@code ;x=%zz} that Tomcat passes on: Spring
 *     Security's path filter would fail on it with a 500;
 * <li>a {@code Content-Type} with a wildcard, such as {@code application/*} (415): Spring refuses to read a request of
 *     it with an {@link IllegalArgumentException}, a 500 — also a GET, when its handler may take a body;
 * <li>a staff request body larger than {@code bronsein.staff-api.max-request-size} (413): Tomcat limits only form
 *     posts, and Jackson reads strings of many megabytes. A declared length is refused before reading; a chunked
 *     body is cut off where it passes the limit ({@link TooLarge}, answered 413 by {@link ProblemResponses}).
 * </ul>
 */
public class RequestLimits extends OncePerRequestFilter {

    private final Connectors connectors;
    private final long maxBytes;

    public RequestLimits(Connectors connectors, StaffApiProperties properties) {
        this.connectors = connectors;
        this.maxBytes = properties.maxRequestSize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException undecodable) {
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST.value(), "the query string could not be read");
            return;
        }
        try {
            RequestPath.parse(request.getRequestURI(), request.getContextPath());
        } catch (IllegalArgumentException undecodable) {
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST.value(), "the path could not be read");
            return;
        }
        // a content type is one type (RFC 9110); Spring parses it also for a GET whose handler may take a body (actuator)
        if (request.getContentType() != null && !concrete(request.getContentType())) {
            ProblemWriter.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    "the content type must name one type, such as application/json");
            return;
        }
        if (!connectors.isStaffRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), "the request body is larger than "
                    + maxBytes + " bytes");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream limited;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (limited == null) {
                    limited = new Limited(super.getInputStream(), maxBytes);
                }
                return limited;
            }
        }, response);
    }

    /** Unparsable types are left to Spring, which refuses them itself (415); wildcards it would choke on. */
    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return true;
        }
    }

    /** A body that went past the limit while it was read. */
    public static class TooLarge extends IOException {

        TooLarge(long maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
        }
    }

    private static final class Limited extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        Limited(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
