package nl.bronsein.runtime.staff;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides an endpoint's {@code @PreAuthorize} before Spring MVC reads and validates the request body. Method security
 * decides it only when the method is called, after the body was bound: a staff member whose role lacks the task was
 * told which fields of the body were wrong (400) instead of being refused (403). This is the only place the
 * annotations are evaluated (method security is not enabled); as no arguments exist yet, expressions may name roles
 * and authorities, not parameters.
 */
final class RolesBeforeBinding implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            AuthorizationResult result = preAuthorize.authorize(
                    () -> SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication(),
                    new SimpleMethodInvocation(method.getBean(), method.getMethod(),
                            new Object[method.getMethod().getParameterCount()]));
            if (result != null && !result.isGranted()) {
                throw new AuthorizationDeniedException("Access Denied", result);
            }
        }
        return true;
    }
}
