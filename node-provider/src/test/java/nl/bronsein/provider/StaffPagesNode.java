package nl.bronsein.provider;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import nl.bronsein.runtime.StaffPagesSettings;
import nl.bronsein.runtime.SliceNetwork;

/**
 * A provider node whose organisation signs its staff in, started once for the staff pages' test classes of this module
 * (as Spring's test context cache would share it): a node start costs more than all their tests together. No broker:
 * the node starts while it is away, and the pages need none. Each test makes objects of its own, so they share it
 * without depending on each other's.
 */
public final class StaffPagesNode {

    private static ConfigurableApplicationContext node;

    private StaffPagesNode() {
    }

    public static synchronized ConfigurableApplicationContext node() {
        if (node == null) {
            node = start();
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "staff-pages-node-close"));
        }
        return node;
    }

    public static MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) node()).apply(springSecurity()).build();
    }

    /** A staff member signed in with one role, as the ID token's roles claim gives it. */
    public static RequestPostProcessor signedIn(String subject, String role) {
        return oidcLogin().idToken(token -> token.subject(subject).claim("roles", List.of(role)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    private static ConfigurableApplicationContext start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bronsein.node.participant-id", SliceNetwork.PROVIDER);
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:1");
        settings.put("server.port", "0");
        settings.put("bronsein.staff-api.port", "0");
        settings.put("bronsein.catch-up.enabled", "false");
        settings.put("bronsein.staff.issuer", "https://login.aanbieder.example");
        settings.put("bronsein.staff.audience", "bronsein-aanbieder");
        settings.put("bronsein.staff.jwk-set-uri", "https://login.aanbieder.example/keys");
        settings.putAll(StaffPagesSettings.forClient("provider"));
        return ProviderNodeApplication.builder().initializers(new SliceNetwork())
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
