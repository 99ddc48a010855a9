package nl.bronsein.staffclient;

/**
 * A staff API answered with an error status: the status and the body as it came (for a refusal, the node's
 * {@code application/problem+json} with its {@code errors}), so a caller can say exactly what the node said.
 */
public final class StaffApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String uri;
    private final int status;
    private final String body;

    public StaffApiException(String method, String uri, int status, String body) {
        super(method + " " + uri + " answered " + status + (body.isBlank() ? "" : ": " + oneLine(body)));
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    /** The request's method, so a caller can word the refusal its own way. */
    public String method() {
        return method;
    }

    /** The request's full URI. */
    public String uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    /** The response body as the node sent it; empty when there was none. */
    public String body() {
        return body;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
