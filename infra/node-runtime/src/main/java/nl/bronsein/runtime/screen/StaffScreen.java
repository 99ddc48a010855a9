package nl.bronsein.runtime.screen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;

import nl.bronsein.runtime.api.NodeApi;

/**
 * A controller of the staff pages: only there when the node signs staff in ({@link ScreenConfiguration}), served under
 * {@link ScreenPaths#APP}, and given the pages' common model ({@link ScreenModel}). Node modules put it on their pages'
 * controllers, beside the feature's API controller.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@NodeApi
@Controller
@ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration.staff", name = "client-id")
public @interface StaffScreen {
}
