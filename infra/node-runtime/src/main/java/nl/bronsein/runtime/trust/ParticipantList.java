package nl.bronsein.runtime.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The participant list published by the network's governance: who is admitted, in which role, where its node is and
 * which certificate it uses. It is both the address book and the trust anchor of a node: a node talks only to listed
 * participants, and only at their listed node.
 */
@NodeApi
public final class ParticipantList {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{64}|[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){31}");

    private final Map<ParticipantId, Participant> byId;
    private final Map<String, Participant> byFingerprint;

    public ParticipantList(List<Participant> participants) {
        Map<ParticipantId, Participant> ids = new LinkedHashMap<>();
        Map<String, Participant> fingerprints = new LinkedHashMap<>();
        for (Participant participant : participants) {
            if (ids.put(participant.id(), participant) != null) {
                throw new IllegalArgumentException("participant listed twice: " + participant.id());
            }
            if (fingerprints.put(participant.certificateSha256(), participant) != null) {
                throw new IllegalArgumentException("certificate listed for two participants: " + participant.id());
            }
        }
        this.byId = Map.copyOf(ids);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /**
     * Reads the JSON form: {@code {"participants":[{"id":"urn:nld:oin:…","role":"MUNICIPALITY","name":"…",
     * "nodeUrl":"https://…","certificateSha256":"…"}]}}.
     *
     * @throws InvalidParticipantListException naming the resource and what is wrong with it (missing, unreadable, not
     *         JSON, an entry without a valid id, role, https node URL or SHA-256 fingerprint, a duplicate)
     */
    public static ParticipantList read(Resource resource) {
        if (resource == null) {
            throw new InvalidParticipantListException(null, "is not set", null);
        }
        if (!resource.exists()) {
            throw new InvalidParticipantListException(resource, "does not exist", null);
        }
        if (!resource.isReadable()) {
            throw new InvalidParticipantListException(resource, "cannot be read (not a readable file)", null);
        }
        JsonNode root;
        try (InputStream in = resource.getInputStream()) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new InvalidParticipantListException(resource, "cannot be read: " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new InvalidParticipantListException(resource, "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        JsonNode entries = root == null ? null : root.path("participants");
        if (entries == null || !entries.isArray()) {
            throw new InvalidParticipantListException(resource, "has no \"participants\" array", null);
        }
        List<Participant> participants = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : entries) {
            try {
                participants.add(entry(entry));
            } catch (IllegalArgumentException e) {
                throw new InvalidParticipantListException(resource, "is invalid: participants[" + index + "]: "
                        + e.getMessage(), e);
            }
            index++;
        }
        try {
            return new ParticipantList(participants);
        } catch (IllegalArgumentException e) {
            throw new InvalidParticipantListException(resource, "is invalid: " + e.getMessage(), e);
        }
    }

    private static Participant entry(JsonNode entry) {
        String id = entry.path("id").asString("");
        if (!ParticipantId.isValid(id)) {
            throw new IllegalArgumentException("\"id\" must be urn:nld:oin:<20 digits> or urn:nld:kvk:<8 digits>, got \""
                    + id + "\"");
        }
        String role = entry.path("role").asString("");
        if (Arrays.stream(ParticipantRole.values()).noneMatch(r -> r.name().equals(role))) {
            throw new IllegalArgumentException(id + ": \"role\" must be one of "
                    + Arrays.toString(ParticipantRole.values()) + ", got \"" + role + "\"");
        }
        URI nodeUrl;
        try {
            nodeUrl = new URI(entry.path("nodeUrl").asString(""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(id + ": \"nodeUrl\" is not a URL: " + e.getMessage());
        }
        if (!"https".equals(nodeUrl.getScheme()) || nodeUrl.getHost() == null) {
            throw new IllegalArgumentException(id + ": \"nodeUrl\" must be an https URL, got \"" + nodeUrl + "\"");
        }
        String fingerprint = entry.path("certificateSha256").asString("");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException(id + ": \"certificateSha256\" must be the SHA-256 fingerprint of its "
                    + "node certificate (64 hex digits, colons allowed), got \"" + fingerprint + "\"");
        }
        return new Participant(ParticipantId.of(id), ParticipantRole.valueOf(role), entry.path("name").asString(""),
                nodeUrl, fingerprint);
    }

    public Optional<Participant> find(ParticipantId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Participant> find(String urn) {
        return ParticipantId.isValid(urn) ? find(ParticipantId.of(urn)) : Optional.empty();
    }

    public Optional<Participant> findByCertificate(String sha256Fingerprint) {
        return Optional.ofNullable(byFingerprint.get(sha256Fingerprint));
    }

    public List<Participant> all() {
        return List.copyOf(byId.values());
    }

    /** Where a resource is, as an operator would write it: {@code file:/etc/bronsein/participants.json}. */
    public static String location(Resource resource) {
        if (resource == null) {
            return "(not set)";
        }
        try {
            return resource.getURL().toString();
        } catch (IOException | RuntimeException e) {
            return resource.getDescription();
        }
    }

    /** The participant list cannot be used: {@link #problem()} says why, continuing "participant list LOCATION …". */
    public static final class InvalidParticipantListException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final String location;
        private final String problem;

        InvalidParticipantListException(Resource resource, String problem, Throwable cause) {
            super("participant list " + ParticipantList.location(resource) + " " + problem, cause);
            this.location = ParticipantList.location(resource);
            this.problem = problem;
        }

        public String location() {
            return location;
        }

        public String problem() {
            return problem;
        }
    }
}
