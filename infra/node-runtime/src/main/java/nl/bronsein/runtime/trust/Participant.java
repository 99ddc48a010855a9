package nl.bronsein.runtime.trust;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.domain.ObjectIds;

/**
 * One admitted participant: its identifier, role, organisation name, the base URL of its node and the SHA-256
 * fingerprint of the certificate its node presents. Removing a participant from the list revokes it everywhere.
 */
@NodeApi
public record Participant(ParticipantId id, ParticipantRole role, String name, URI nodeUrl, String certificateSha256) {

    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    public Participant {
        if (id == null || role == null || nodeUrl == null || certificateSha256 == null) {
            throw new IllegalArgumentException("a participant needs id, role, nodeUrl and certificateSha256");
        }
        if (!"https".equals(nodeUrl.getScheme())) {
            throw new IllegalArgumentException("participant " + id + ": nodeUrl must be https");
        }
        certificateSha256 = certificateSha256.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The pull URL of one of this participant's objects on its listed node: the only {@code dataref} a notification of
     * that object may carry, and the only URL a pull for it goes to. Null when {@code objectId} is not an object id
     * (one path segment of unreserved characters), so that no id can turn the URL into another path.
     */
    public URI pullUrl(String objectType, String objectId) {
        if (objectId == null || !OBJECT_ID.matcher(objectId).matches() || objectId.equals(".")
                || objectId.equals("..")) {
            return null;
        }
        String base = nodeUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "network/v1/objects/" + objectType + "/" + objectId);
    }

    /**
     * The id of one of this participant's objects of {@code objectType}, when {@code url} is exactly its pull URL — as a
     * pull presents the object its access rests on elsewhere. Empty for any other URL: another host, path or type.
     */
    public Optional<UUID> objectAt(String objectType, URI url) {
        String path = url == null || url.getPath() == null ? "" : url.getPath();
        return ObjectIds.parse(path.substring(path.lastIndexOf('/') + 1))
                .filter(id -> url.equals(pullUrl(objectType, id.toString())));
    }

}
