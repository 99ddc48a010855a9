package nl.bronsein.schemas;

import java.util.Arrays;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

/**
 * The catalogue of object types the network notifies about: for each, the body schema of its notifications, the
 * topic that collects them and the CloudEvents {@code type} of each kind of change. This is the contract the
 * participants federate on, so it lives with the schemas and not in any node.
 */
public enum SharedObjectType {

    /** Verwijzing: the GP's referral, owned by the GP practice. */
    REFERRAL("referral", ReferralChanged.class, false),

    /** Melding: the municipality's case, owned by the municipality. */
    CASE("case", CaseChanged.class, false),

    /** Toewijzing: the assignment a provider holds, from a municipality's case or a GP's direct referral. */
    ASSIGNMENT("assignment", AssignmentChanged.class, false),

    /** A participant's function-level contact point (a desk, a team), owned by that participant. */
    CONTACT_POINT("contact-point", ContactPointChanged.class, true);

    private final String code;
    private final Class<? extends SpecificRecord> bodyType;
    private final boolean generic;

    SharedObjectType(String code, Class<? extends SpecificRecord> bodyType, boolean generic) {
        this.code = code;
        this.bodyType = bodyType;
        this.generic = generic;
    }

    /**
     * Whether its notifications are meant for every participant (a published contact point) and travel on a generic
     * topic, rather than addressed to the participants the owner's policy names, on their inboxes.
     */
    public boolean generic() {
        return generic;
    }

    /** The name used in topics, event types, URLs and references, e.g. {@code referral}. */
    public String code() {
        return code;
    }

    public Class<? extends SpecificRecord> bodyType() {
        return bodyType;
    }

    /**
     * One topic per object type for the whole network: the topic is the collection point, and carries no data, so
     * any cluster may host it. The version follows the body schema's compatibility line, not the release.
     */
    public String topic() {
        return "bronsein." + code + ".v1";
    }

    /** Reverse-DNS, versioned CloudEvents type for a kind of change, e.g. {@code nl.bronsein.case.status-changed.v1}. */
    public String eventType(String change) {
        return "nl.bronsein." + code + "." + change + ".v1";
    }

    public static Optional<SharedObjectType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    public static Optional<SharedObjectType> fromTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic().equals(topic)).findFirst();
    }
}
