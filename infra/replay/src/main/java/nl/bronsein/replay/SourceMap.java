package nl.bronsein.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

import io.cloudevents.core.builder.CloudEventBuilder;
import nl.bronsein.replay.NotificationLine.Line;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.SharedObjectType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --source-map OLD=NEW}: publishes OLD's notifications as NEW's. ce_source OLD becomes NEW and the dataref
 * then points at NEW's node from the participant list; in every body, {@code owner}, {@code concerns} and
 * {@code related[].owner} equal to OLD become NEW, and a body that changed is re-encoded with the codec.
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

    /** The line as NEW's, or the line itself when nothing in it names an OLD. The body was checked to decode. */
    Line apply(Line line, NotificationCodec codec) {
        String source = line.event().getSource().toString();
        String newSource = newByOld.get(source);
        SpecificRecord body = codec.decode(line.value());
        boolean bodyChanged = remap(body);
        if (newSource == null && !bodyChanged) {
            return line;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(line.event());
        if (bodyChanged) {
            builder.withData(codec.encode(body));
        }
        if (newSource != null) {
            Optional<SharedObjectType> type = SharedObjectType.fromTopic(line.topic());
            if (type.isEmpty()) {
                throw NotificationLine.lineError(line.number(), "topic " + line.topic()
                        + " is not a notification topic of the catalogue, so its dataref cannot be rebuilt");
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
        return line.withEvent(builder.build());
    }

    /** Replaces OLD by NEW in owner, concerns and related[].owner; true if anything changed. */
    private boolean remap(IndexedRecord body) {
        boolean changed = remapOwner(body);
        Schema.Field concerns = body.getSchema().getField("concerns");
        if (concerns != null && body.get(concerns.pos()) instanceof List<?> list) {
            List<String> mapped = new ArrayList<>();
            boolean any = false;
            for (Object item : list) {
                String id = String.valueOf(item);
                String replacement = newByOld.get(id);
                any |= replacement != null;
                mapped.add(replacement != null ? replacement : id);
            }
            if (any) {
                body.put(concerns.pos(), mapped);
                changed = true;
            }
        }
        Schema.Field related = body.getSchema().getField("related");
        if (related != null && body.get(related.pos()) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof IndexedRecord reference) {
                    changed |= remapOwner(reference);
                }
            }
        }
        return changed;
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
