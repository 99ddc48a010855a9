package nl.bronsein.runtime.trust;

import java.net.URI;
import java.util.Locale;

/**
 * One admitted participant: its identifier, role, organisation name, the base URL of its node and the SHA-256
 * fingerprint of the certificate its node presents. Removing a participant from the list revokes it everywhere.
 */
public record Participant(ParticipantId id, ParticipantRole role, String name, URI nodeUrl, String certificateSha256) {

    public Participant {
        if (id == null || role == null || nodeUrl == null || certificateSha256 == null) {
            throw new IllegalArgumentException("a participant needs id, role, nodeUrl and certificateSha256");
        }
        if (!"https".equals(nodeUrl.getScheme())) {
            throw new IllegalArgumentException("participant " + id + ": nodeUrl must be https");
        }
        certificateSha256 = certificateSha256.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** Whether a URL lies under this participant's node, so that a pull never goes anywhere else. */
    public boolean hosts(URI url) {
        return url != null
                && "https".equalsIgnoreCase(url.getScheme())
                && nodeUrl.getHost().equalsIgnoreCase(url.getHost())
                && effectivePort(nodeUrl) == effectivePort(url)
                && url.getRawUserInfo() == null
                && url.normalize().getPath().startsWith(basePath());
    }

    private String basePath() {
        String path = nodeUrl.getPath() == null ? "" : nodeUrl.getPath();
        return path.endsWith("/") ? path : path + "/";
    }

    private static int effectivePort(URI url) {
        return url.getPort() == -1 ? 443 : url.getPort();
    }
}
