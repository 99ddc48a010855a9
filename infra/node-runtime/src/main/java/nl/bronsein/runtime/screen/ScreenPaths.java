package nl.bronsein.runtime.screen;

import java.util.List;

/**
 * The staff pages' paths on the staff port: the pages under {@link #APP}, their static files, and the OAuth2 client's
 * sign-in and sign-out endpoints. Everything else on the staff port is the staff API ({@code /api/**}) or the actuator.
 */
public final class ScreenPaths {

    public static final String APP = "/app/";
    static final List<String> PREFIXES = List.of(APP, "/assets/", "/webjars/", "/login/", "/oauth2/", "/logout");

    private ScreenPaths() {
    }

    /** Whether a request is for the staff pages, by its path as the container mapped it (not the raw URI). */
    static boolean matches(jakarta.servlet.http.HttpServletRequest request) {
        return matches(java.util.Objects.toString(request.getServletPath(), "")
                + java.util.Objects.toString(request.getPathInfo(), ""));
    }

    /** Whether a request path (as the container mapped it) is one of the staff pages' paths. */
    public static boolean matches(String path) {
        return path.equals("/") || path.equals("/app") || PREFIXES.stream().anyMatch(path::startsWith);
    }
}
