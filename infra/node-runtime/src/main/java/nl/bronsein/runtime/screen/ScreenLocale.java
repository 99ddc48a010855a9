package nl.bronsein.runtime.screen;

import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The staff pages speak Dutch whatever language the browser asks for: the validation messages at a form's fields
 * ({@code messages/screens_nl.properties} by the constraint's code, and Hibernate Validator's own Dutch for the rest)
 * and every text the templates take from messages. The staff API is left as it is: its problems keep the English
 * messages its clients and tests read.
 */
class ScreenLocale implements HandlerInterceptor {

    static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final FixedLocaleResolver PAGES = new FixedLocaleResolver(DUTCH);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method
                && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), StaffScreen.class)) {
            // before the form is bound and validated (the message interpolator reads the locale context) and rendered
            // (the view reads the request's locale resolver)
            request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, PAGES);
            LocaleContextHolder.setLocale(DUTCH);
        }
        return true;
    }
}
