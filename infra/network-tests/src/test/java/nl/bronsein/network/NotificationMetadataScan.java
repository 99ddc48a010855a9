package nl.bronsein.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

import nl.bronsein.schemas.NotificationCodec;
import tools.jackson.databind.JsonNode;

/**
 * Looks at every notification the suite's networks left on their topics ({@link SuiteLogs#TOPIC_DUMP}) for what an
 * information-poor notification must not carry, beyond personal data (which {@link PersonalDataScan} looks for): a
 * status, or another participant than its source — in a header or anywhere in the body, decoded with the schema it
 * was written with. A status is recognised by field name ({@code status}, and {@code concerns} / {@code related}, the
 * retired fields that named others) and by value (a status symbol of a case, an assignment, a question, an answer or
 * an involvement as a header's value or a body's string or enum); a participant by its URN.
 */
record NotificationMetadataScan(NotificationCodec codec) {

    static final Set<String> STATUSES = Set.of("RECEIVED", "PICKED_UP", "DECIDED", "ASSIGNED", "CONCLUDED", "RETURNED",
            "CLOSED_WITHOUT_DECISION", "OFFERED", "ACCEPTED", "DECLINED", "CARE_STARTED", "CARE_ENDED",
            // a targeted question's and its answer's (issue 18)
            "OPEN", "ANSWERED", "REFUSED",
            // an involvement's (issue 18)
            "ACTIVE", "ENDED");
    private static final Set<String> FORBIDDEN_FIELDS = Set.of("status", "concerns", "related");
    private static final Pattern PARTICIPANT = Pattern.compile("urn:nld:(oin|kvk):\\d+");

    /** What was found wrong with one record: where, and what. */
    record Finding(Path file, String topic, long offset, String problem) {

        @Override
        public String toString() {
            return file.getParent().getFileName() + "/" + topic + "@" + offset + ": " + problem;
        }
    }

    /** What was scanned: how many notifications, and what was wrong with them. */
    record Report(long notifications, List<Finding> findings) {
    }

    Report scan(Path root) {
        List<Finding> findings = new ArrayList<>();
        long[] notifications = {0};
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals(SuiteLogs.TOPIC_DUMP)).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode record = TestNetwork.JSON.readTree(line);
                    String topic = record.path("topic").asString("");
                    if (topic.startsWith("bronsein.inbox.") || topic.startsWith("bronsein.generic.")) {
                        notifications[0]++;
                        check(record).forEach(problem -> findings.add(new Finding(file, topic,
                                record.path("offset").asLong(), problem)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(notifications[0], List.copyOf(findings));
    }

    /** The problems of one dumped record (a line of {@link SuiteLogs#TOPIC_DUMP}). */
    List<String> check(JsonNode record) {
        List<String> problems = new ArrayList<>();
        String source = record.path("headers").path("ce_source").asString(null);
        // Every header is scanned, none is exempt: ce_traceparent too, whose trace and span ids are random (W3C trace
        // context, chosen by the node that started the trace) and so can name neither a status nor a participant.
        record.path("headers").properties().forEach(header -> {
            String value = header.getValue().asString("");
            if (STATUSES.contains(value.toUpperCase(Locale.ROOT))) {
                problems.add("header " + header.getKey() + " is a status: " + value);
            }
            othersIn(value, source).forEach(other -> problems.add("header " + header.getKey() + " names " + other));
        });
        String encoded = record.path("value_base64").asString(null);
        if (encoded == null) {
            problems.add("no value to decode");
            return problems;
        }
        byte[] value = Base64.getDecoder().decode(encoded);
        Schema writer;
        GenericRecord body;
        try {
            writer = codec.writerSchemaOf(value);
            BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), writer);
            body = decoder.decode(value);
        } catch (IOException | RuntimeException e) {
            // a forged or malformed record a test planted: not a notification, nothing of the network's
            return problems;
        }
        // A body naming another owner than its ce_source is no notification of the network: every receiver parks it
        // ("body names another owner or object than the event"). The hostile-input suites plant such records on purpose.
        // So is a record without a ce_source.
        Object owner = body.getSchema().getField("owner") == null ? null : body.get("owner");
        if (source == null || owner != null && !owner.toString().equals(source)) {
            return problems;
        }
        inspect(body, "body", source, problems);
        return problems;
    }

    private void inspect(Object value, String path, String source, List<String> problems) {
        if (value instanceof GenericRecord record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                if (FORBIDDEN_FIELDS.contains(field.name().toLowerCase(Locale.ROOT))) {
                    problems.add(path + "." + field.name() + ": a field that tells more than the facts");
                }
                inspect(record.get(field.pos()), path + "." + field.name(), source, problems);
            }
        } else if (value instanceof java.util.Collection<?> items) {
            items.forEach(item -> inspect(item, path + "[]", source, problems));
        } else if (value instanceof GenericData.EnumSymbol || value instanceof CharSequence) {
            String text = value.toString();
            if (STATUSES.contains(text.toUpperCase(Locale.ROOT))) {
                problems.add(path + " is a status: " + text);
            }
            othersIn(text, source).forEach(other -> problems.add(path + " names " + other));
        }
    }

    private static List<String> othersIn(String text, String source) {
        List<String> others = new ArrayList<>();
        Matcher participant = PARTICIPANT.matcher(text);
        while (participant.find()) {
            if (!participant.group().equals(source)) {
                others.add("another participant than its source: " + participant.group());
            }
        }
        return others;
    }
}
