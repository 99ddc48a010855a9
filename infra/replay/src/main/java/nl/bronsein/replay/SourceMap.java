package nl.bronsein.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

import io.cloudevents.core.builder.CloudEventBuilder;
import nl.bronsein.replay.NotificationLine.Line;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --source-map OLD=NEW}: publishes OLD's notifications as NEW's. ce_source OLD becomes NEW and the dataref
 * then points at NEW's node from the participant list; a body whose {@code owner} is OLD names NEW and is re-encoded
 * with the codec; a record on OLD's inbox topic goes to NEW's.
 */
final class SourceMap {

    private final Map<String, String> newByOld;
    private final Map<String, String> nodeUrls;

    private SourceMap(Map<String, String> newByOld, Map<String, String> nodeUrls) {
        this.newByOld = Map.copyOf(newByOld);
        this.nodeUrls = Map.copyOf(nodeUrls);
    }

    /** Reads the participant list ({@code {"participants":[{"id","nodeUrl",…}]}}) and checks every NEW is in it. */
    static SourceMap load(Map<String, String> newByOld, Path participantList, JsonMapper mapper) {
        String what = "--participant-list " + participantList;
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(participantList));
        } catch (IOException e) {
            throw ReplayException.input("cannot read " + what + ": " + IoMessages.describe(e));
        } catch (JacksonException e) {
            throw ReplayException.input(what + " is not valid JSON (" + ReplayException.oneLine(e.getOriginalMessage())
                    + ")");
        }
        JsonNode entries = root == null ? null : root.path("participants");
        if (entries == null || !entries.isArray()) {
            throw ReplayException.input(what + " has no \"participants\" array");
        }
        Map<String, String> nodeUrls = new HashMap<>();
        for (JsonNode entry : entries) {
            String id = entry.path("id").asString("");
            String nodeUrl = entry.path("nodeUrl").asString("");
            if (!id.isEmpty() && !nodeUrl.isEmpty()) {
                nodeUrls.put(id, nodeUrl);
            }
        }
        for (String newSource : newByOld.values()) {
            String nodeUrl = nodeUrls.get(newSource);
            if (nodeUrl == null) {
                throw ReplayException.input("--source-map: " + newSource + " is not in the participant list "
                        + participantList + " (or has no nodeUrl)");
            }
            try {
                URI url = new URI(nodeUrl);
                if (url.getScheme() == null || url.getHost() == null) {
                    throw new URISyntaxException(nodeUrl, "not absolute");
                }
                new URI(newSource);
            } catch (URISyntaxException e) {
                throw ReplayException.input("--source-map: " + newSource + " has no valid nodeUrl in " + participantList
                        + " ('" + nodeUrl + "')");
            }
        }
        return new SourceMap(newByOld, nodeUrls);
    }

    /**
     * The line as NEW's, or the line itself when nothing in it names an OLD: its source, the body's owner, and the
     * recipient whose inbox its topic is. The body was checked to decode.
     */
    Line apply(Line line, NotificationCodec codec) {
        String source = line.event().getSource().toString();
        String newSource = newByOld.get(source);
        SpecificRecord body = codec.decode(line.value());
        boolean bodyChanged = remapOwner(body);
        Optional<String> newRecipient = NotificationTopics.recipientOf(line.topic()).map(newByOld::get);
        if (newSource == null && !bodyChanged && newRecipient.isEmpty()) {
            return line;
        }
        Line mapped = line;
        if (newRecipient.isPresent()) {
            String old = NotificationTopics.recipientOf(line.topic()).orElseThrow();
            mapped = mapped.withTopic(line.topic().substring(0, line.topic().length() - topicSuffix(old).length())
                    + topicSuffix(newRecipient.get()));
        }
        CloudEventBuilder builder = CloudEventBuilder.from(line.event());
        if (bodyChanged) {
            builder.withData(codec.encode(body));
        }
        if (newSource != null) {
            Optional<SharedObjectType> type = Arrays.stream(SharedObjectType.values())
                    .filter(t -> t.changeOf(line.event().getType()).isPresent()).findFirst();
            if (type.isEmpty()) {
                throw NotificationLine.lineError(line.number(), "type " + line.event().getType()
                        + " is not a notification type of the catalogue, so its dataref cannot be rebuilt");
            }
            String subject = line.event().getSubject();
            if (subject == null || subject.isEmpty()) {
                throw NotificationLine.lineError(line.number(), "no \"subject\", so its dataref cannot be rebuilt");
            }
            String base = nodeUrls.get(newSource);
            String dataref = (base.endsWith("/") ? base : base + "/") + "network/v1/objects/" + type.get().code() + "/"
                    + subject;
            builder.withSource(URI.create(newSource)).withExtension(NotificationLine.DATAREF, dataref);
        }
        return mapped.withEvent(builder.build());
    }

    /** How an inbox topic ends for a participant: {@code urn:nld:kvk:12345678} gives {@code kvk.12345678}. */
    private static String topicSuffix(String urn) {
        return urn.substring("urn:nld:".length()).replace(':', '.');
    }

    private boolean remapOwner(IndexedRecord record) {
        Schema.Field owner = record.getSchema().getField("owner");
        if (owner == null || record.get(owner.pos()) == null) {
            return false;
        }
        String replacement = newByOld.get(record.get(owner.pos()).toString());
        if (replacement == null) {
            return false;
        }
        record.put(owner.pos(), replacement);
        return true;
    }
}
