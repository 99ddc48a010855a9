package nl.bronsein.runtime.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The participant list published by the network's governance: who is admitted, in which role, where its node is and
 * which certificate it uses. It is both the address book and the trust anchor of a node: a node talks only to listed
 * participants, and only at their listed node.
 */
public final class ParticipantList {

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
     */
    public static ParticipantList read(Resource resource) {
        if (resource == null || !resource.exists()) {
            throw new IllegalStateException("participant list not found: " + (resource == null ? "(not set)" : resource.getDescription()));
        }
        try (InputStream in = resource.getInputStream()) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            JsonNode entries = root.path("participants");
            if (!entries.isArray()) {
                throw new IllegalStateException("participant list " + resource.getDescription() + " has no \"participants\" array");
            }
            List<Participant> participants = new java.util.ArrayList<>();
            for (JsonNode entry : entries) {
                participants.add(new Participant(
                        ParticipantId.of(entry.path("id").asString()),
                        ParticipantRole.valueOf(entry.path("role").asString()),
                        entry.path("name").asString(),
                        URI.create(entry.path("nodeUrl").asString()),
                        entry.path("certificateSha256").asString()));
            }
            return new ParticipantList(participants);
        } catch (IOException e) {
            throw new UncheckedIOException("participant list " + resource.getDescription() + " cannot be read", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("participant list " + resource.getDescription() + " is invalid: " + e.getMessage(), e);
        }
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
}
