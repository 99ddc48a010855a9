package nl.bronsein.identityprovider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

import nl.bronsein.devpki.DevStaffIssuer;

/** Says once what the IdP serves; no secret: the passwords stay in the credentials file. */
@Component
class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final IdentityProviderProperties properties;
    private final AuthorizationServerSettings settings;
    private final DevStaffIssuer signingKey;
    private final DevCredentials credentials;

    StartupReport(IdentityProviderProperties properties, AuthorizationServerSettings settings,
                  DevStaffIssuer signingKey, DevCredentials credentials) {
        this.properties = properties;
        this.settings = settings;
        this.signingKey = signingKey;
        this.credentials = credentials;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        LOG.info("Identity provider {} ready, signing key kid {}, credentials in {}", settings.getIssuer(),
                signingKey.keyId(), DevCredentials.file(properties.dataDir()));
        for (IdentityProviderProperties.Node node : properties.nodes()) {
            LOG.info("  client {} ({}, audience {}, staff port {}): users {}", node.clientId(), node.kind(),
                    node.participant(), node.staffPort(),
                    credentials.users(node.clientId()).stream().map(DevCredentials.User::username).toList());
        }
    }
}
