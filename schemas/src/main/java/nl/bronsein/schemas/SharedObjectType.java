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
    REFERRAL("referral", ObjectChanged.class, false),

    /** Melding: the municipality's case, owned by the municipality. */
    CASE("case", ObjectChanged.class, false),

    /** Toewijzing: the assignment a provider holds, from a municipality's case or a GP's direct referral. */
    ASSIGNMENT("assignment", ObjectChanged.class, false),

    /** A participant's function-level contact point (a desk, a team), owned by that participant. */
    CONTACT_POINT("contact-point", ObjectChanged.class, true),

    /** Gerichte vraag: a municipality's question to the GP practice about a referral it holds a case for. */
    QUESTION("question", ObjectChanged.class, false),

    /** The GP practice's answer to a municipality's question, or its refusal with a reason. */
    ANSWER("answer", ObjectChanged.class, false),

    /**
     * A service in a municipality's catalogue (sociale kaart): a Wmo or youth product or a general provision, with its
     * contracted providers, owned by that municipality and published to every participant.
     */
    SERVICE("service", ObjectChanged.class, true),

    /**
     * Betrokkenheid: the municipality's wijkteam is involved with a citizen, owned by the municipality and addressed
     * only to the GP practice the wijkteam names, with the citizen's consent (issue 18) — no referral needed.
     */
    INVOLVEMENT("involvement", ObjectChanged.class, false),

    /**
     * Verzoek om toewijzing (cf. iJw 315): a youth-care provider the GP referred a citizen to directly asks the
     * municipality for an assignment; owned by the provider, addressed to the municipality it names (issue 18).
     */
    ASSIGNMENT_REQUEST("assignment-request", ObjectChanged.class, false);

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
     * Reverse-DNS, versioned CloudEvents type for a kind of change, e.g. {@code nl.bronsein.case.status-changed.v2}. The
     * version follows the body's compatibility line: {@code .v2} is {@code ObjectChanged} on the addressed topics,
     * {@code .v1} were the retired per-type bodies.
     */
    public String eventType(String change) {
        return "nl.bronsein." + code + "." + change + ".v2";
    }

    /** The kind of change a CloudEvents type of this object type names, e.g. {@code status-changed}; empty if none. */
    public Optional<String> changeOf(String eventType) {
        String prefix = "nl.bronsein." + code + ".";
        if (eventType == null || !eventType.startsWith(prefix) || !eventType.endsWith(".v2")) {
            return Optional.empty();
        }
        String change = eventType.substring(prefix.length(), eventType.length() - ".v2".length());
        return change.matches("[a-z]+(-[a-z]+)*") ? Optional.of(change) : Optional.empty();
    }

    public static Optional<SharedObjectType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

}
