package nl.bronsein.runtime.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One processing record as it leaves the node (an export line, JSON lines): LDV's fields under LDV's names —
 * {@code trace_id}, {@code span_id}, {@code parent_span_id}, {@code name}, {@code start_time}, {@code end_time},
 * {@code status}, and {@code attributes} with {@code dpl.core.processing_activity_id}, {@code dpl.core.data_subject_id}
 * and {@code dpl.core.data_subject_id_type} — plus this network's own attributes under {@code bronsein.} and the
 * record's place in the node's hash chain ({@code chain}). {@link #toRecord} gives back exactly the record it was made
 * from, so an exported range can be verified against its chain without the node.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessingRecordLine(
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("span_id") String spanId,
        @JsonProperty("parent_span_id") String parentSpanId,
        @JsonProperty("name") String name,
        @JsonProperty("start_time") Instant startTime,
        @JsonProperty("end_time") Instant endTime,
        @JsonProperty("status") String status,
        @JsonProperty("attributes") Map<String, Object> attributes,
        @JsonProperty("chain") Chain chain) {

    public static final String ACTIVITY = "dpl.core.processing_activity_id";
    public static final String SUBJECT = "dpl.core.data_subject_id";
    public static final String SUBJECT_TYPE = "dpl.core.data_subject_id_type";
    public static final String PARTY = "bronsein.party";
    public static final String PURPOSE = "bronsein.purpose";
    public static final String OBJECT_TYPE = "bronsein.object_type";
    public static final String OBJECT_ID = "bronsein.object_id";
    public static final String OUTCOME = "bronsein.outcome";
    public static final String REASON = "bronsein.reason";
    public static final String HTTP_STATUS = "http.response.status_code";

    /** The record's place in the node's hash chain; null for a record not yet sealed. */
    public record Chain(@JsonProperty("seq") long seq, @JsonProperty("hash") String hash) {
    }

    public static ProcessingRecordLine of(AuditRecord r) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        put(attributes, ACTIVITY, r.activity());
        put(attributes, SUBJECT, r.subject());
        put(attributes, SUBJECT_TYPE, r.subjectType());
        put(attributes, PARTY, r.caller());
        put(attributes, PURPOSE, r.purpose());
        put(attributes, OBJECT_TYPE, r.objectType());
        put(attributes, OBJECT_ID, r.objectId());
        put(attributes, OUTCOME, r.outcome().name());
        put(attributes, REASON, r.reason());
        put(attributes, HTTP_STATUS, r.status());
        return new ProcessingRecordLine(r.traceId(), r.spanId(), r.parentSpanId(), r.name(), r.startedAt(), r.at(),
                r.statusCode(), attributes, r.chainSeq() == null ? null : new Chain(r.chainSeq(), r.chainHash()));
    }

    public AuditRecord toRecord() {
        Object status = attributes.get(HTTP_STATUS);
        return new AuditRecord(endTime, text(PARTY), text(OBJECT_TYPE), text(OBJECT_ID), text(PURPOSE),
                AuditOutcome.valueOf(text(OUTCOME)), text(REASON),
                status == null ? null : ((Number) status).intValue(), traceId, spanId, parentSpanId, name, startTime,
                this.status, text(ACTIVITY), text(SUBJECT), text(SUBJECT_TYPE), chain == null ? null : chain.seq(),
                chain == null ? null : chain.hash());
    }

    private String text(String key) {
        Object value = attributes.get(key);
        return value == null ? null : value.toString();
    }

    private static void put(Map<String, Object> attributes, String key, Object value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
