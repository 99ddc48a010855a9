package nl.bronsein.replay;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.RecordBatch;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.types.Time;
import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.UndecodableNotificationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record as one JSON line, both ways. Written by {@code dump}:
 * <pre>
 * {"topic","partition","offset","timestamp","key","specversion","id","source","type","subject","time",
 *  "datacontenttype","dataref","sequence","sequencetype","extensions":{…},"data":{…},"data_base64":"…","error":"…"}
 * </pre>
 * ({@code dataschema} only when the event has one, {@code error} only when something could not be read). Read by
 * {@code publish}, which uses the topic, the key, the CloudEvents attributes and {@code data_base64}, and ignores the
 * rest (position, timestamp, decoded data).
 */
final class NotificationLine {

    static final String DATAREF = "dataref";
    static final String SEQUENCE = "sequence";
    static final String SEQUENCE_TYPE = "sequencetype";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NotificationLine() {
    }

    /** A dumped record: its JSON line, and its event when it is one (for the filters). */
    record Dumped(ObjectNode json, CloudEvent event) {
    }

    /** A line read for publishing: where it goes, and the event to write (its data is the value, byte for byte). */
    record Line(int number, String topic, String key, Integer partition, CloudEvent event) {

        byte[] value() {
            return event.getData() == null ? new byte[0] : event.getData().toBytes();
        }

        ProducerRecord<String, byte[]> toRecord() {
            return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
        }

        Line withEvent(CloudEvent newEvent) {
            return new Line(number, topic, key, partition, newEvent);
        }

        Line withTopic(String newTopic) {
            return new Line(number, newTopic, key, partition, event);
        }
    }

    static Dumped toJson(ConsumerRecord<String, byte[]> record, NotificationCodec codec) {
        ObjectNode json = NODES.objectNode();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        if (record.timestamp() == RecordBatch.NO_TIMESTAMP) {
            json.putNull("timestamp");
        } else {
            json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        }
        json.put("key", record.key());

        CloudEvent event = null;
        StringBuilder error = new StringBuilder();
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            error.append("not a binary-mode CloudEvent: ").append(ReplayException.oneLine(e.getMessage()));
        }
        if (event != null) {
            json.put("specversion", event.getSpecVersion().toString());
            json.put("id", event.getId());
            json.put("source", event.getSource() == null ? null : event.getSource().toString());
            json.put("type", event.getType());
            json.put("subject", event.getSubject());
            json.put("time", event.getTime() == null ? null : Time.writeTime(event.getTime()));
            json.put("datacontenttype", event.getDataContentType());
            if (event.getDataSchema() != null) {
                json.put("dataschema", event.getDataSchema().toString());
            }
            json.put(DATAREF, extension(event, DATAREF));
            json.put(SEQUENCE, extension(event, SEQUENCE));
            json.put(SEQUENCE_TYPE, extension(event, SEQUENCE_TYPE));
            ObjectNode extensions = json.putObject("extensions");
            for (String name : new TreeSet<>(event.getExtensionNames())) {
                if (!name.equals(DATAREF) && !name.equals(SEQUENCE) && !name.equals(SEQUENCE_TYPE)) {
                    extensions.put(name, extension(event, name));
                }
            }
        } else {
            for (String attribute : new String[] {"specversion", "id", "source", "type", "subject", "time",
                    "datacontenttype", DATAREF, SEQUENCE, SEQUENCE_TYPE, "extensions"}) {
                json.putNull(attribute);
            }
        }

        byte[] value = record.value();
        if (value == null || value.length == 0) {
            json.putNull("data");
            append(error, "no body");
        } else {
            try {
                json.set("data", BodyJson.toJson(codec.decode(value)));
            } catch (UndecodableNotificationException e) {
                json.putNull("data");
                append(error, "body does not decode: " + ReplayException.oneLine(e.getMessage()));
            }
        }
        json.put("data_base64", value == null ? null : Base64.getEncoder().encodeToString(value));
        if (!error.isEmpty()) {
            json.put("error", error.toString());
        }
        return new Dumped(json, event);
    }

    private static void append(StringBuilder error, String reason) {
        error.append(error.isEmpty() ? "" : "; ").append(reason);
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /** Reads one line of a dump file; a {@link ReplayException} (exit 2) naming the line says what is wrong. */
    static Line parse(int number, String text, JsonMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JacksonException e) {
            throw lineError(number, "not valid JSON (" + ReplayException.oneLine(e.getOriginalMessage()) + ")");
        }
        if (json == null || !json.isObject()) {
            throw lineError(number, "not a JSON object");
        }
        String topic = required(number, json, "topic");
        String key = optional(number, json, "key");
        Integer partition = json.path("partition").isIntegralNumber() ? json.path("partition").asInt() : null;
        String specVersion = required(number, json, "specversion");
        CloudEventBuilder builder;
        try {
            builder = CloudEventBuilder.fromSpecVersion(SpecVersion.parse(specVersion));
        } catch (RuntimeException e) {
            throw lineError(number, "\"specversion\" " + specVersion + " is not a CloudEvents version (1.0 or 0.3)");
        }
        builder.withId(required(number, json, "id"))
                .withSource(uri(number, "source", required(number, json, "source")))
                .withType(required(number, json, "type"));
        String subject = optional(number, json, "subject");
        if (subject != null) {
            builder.withSubject(subject);
        }
        String time = optional(number, json, "time");
        if (time != null) {
            try {
                builder.withTime(Time.parseTime(time));
            } catch (RuntimeException e) {
                throw lineError(number, "\"time\" is not an RFC 3339 time such as " + ReplayOptions.EXAMPLE_INSTANT
                        + " (got '" + time + "')");
            }
        }
        String contentType = optional(number, json, "datacontenttype");
        if (contentType != null) {
            builder.withDataContentType(contentType);
        }
        String dataSchema = optional(number, json, "dataschema");
        if (dataSchema != null) {
            builder.withDataSchema(uri(number, "dataschema", dataSchema));
        }
        JsonNode extensions = json.path("extensions");
        if (!extensions.isMissingNode() && !extensions.isNull()) {
            if (!extensions.isObject()) {
                throw lineError(number, "\"extensions\" is not a JSON object");
            }
            for (Map.Entry<String, JsonNode> extension : extensions.properties()) {
                String value = scalar(number, "extensions." + extension.getKey(), extension.getValue());
                if (value != null) {
                    extension(number, builder, extension.getKey(), value);
                }
            }
        }
        for (String name : new String[] {DATAREF, SEQUENCE, SEQUENCE_TYPE}) {
            String value = scalar(number, name, json.path(name));
            if (value != null) {
                extension(number, builder, name, value);
            }
        }
        String base64 = required(number, json, "data_base64");
        byte[] value;
        try {
            value = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw lineError(number, "\"data_base64\" is not valid base64");
        }
        builder.withData(value);
        CloudEvent event;
        try {
            event = builder.build();
        } catch (RuntimeException e) {
            throw lineError(number, "not a valid CloudEvent: " + ReplayException.oneLine(e.getMessage()));
        }
        return new Line(number, topic, key, partition, event);
    }

    static ReplayException lineError(int number, String message) {
        return ReplayException.input("line " + number + ": " + message);
    }

    private static void extension(int number, CloudEventBuilder builder, String name, String value) {
        try {
            builder.withExtension(name, value);
        } catch (RuntimeException e) {
            throw lineError(number, "extension \"" + name + "\": " + ReplayException.oneLine(e.getMessage()));
        }
    }

    private static String required(int number, JsonNode json, String name) {
        String value = optional(number, json, name);
        if (value == null || value.isEmpty()) {
            throw lineError(number, "missing \"" + name + "\"");
        }
        return value;
    }

    private static String optional(int number, JsonNode json, String name) {
        JsonNode value = json.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw lineError(number, "\"" + name + "\" must be a string");
        }
        return value.stringValue();
    }

    /** A string, number or boolean as text (ce_sequence may be written as a number); null when absent. */
    private static String scalar(int number, String name, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        throw lineError(number, "\"" + name + "\" must be a string");
    }

    private static URI uri(int number, String name, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw lineError(number, "\"" + name + "\" is not a URI: '" + value + "'");
        }
    }
}
