package nl.bronsein.schemas;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where notifications travel, the network's delivery contract (issue 16, docs/design.md "Delivery by address"): a topic
 * per recipient, {@code bronsein.inbox.<role>.<scheme>.<number>}, that only that participant may read, and a topic
 * per generic object type, {@code bronsein.generic.<type>}, that every participant may read. A participant id names
 * an organisation, never a person, so it may appear in a topic name; the broker's authorizer hides from a client the
 * topics it may not describe. Roles are the participant list's role names ({@code GP_PRACTICE}, {@code MUNICIPALITY},
 * {@code PROVIDER}); who may address whom is {@link #addressableRoles}, which provisioning turns into WRITE ACLs on
 * the recipient role's prefix.
 */
public final class NotificationTopics {

    public static final String INBOX_PREFIX = "bronsein.inbox.";
    public static final String GENERIC_PREFIX = "bronsein.generic.";

    private static final Pattern PARTICIPANT = Pattern.compile("urn:nld:(oin|kvk):(\\d{20}|\\d{8})");
    private static final Pattern INBOX = Pattern.compile("bronsein\\.inbox\\.([a-z-]+)\\.(oin|kvk)\\.(\\d{20}|\\d{8})");

    /**
     * The roles a participant of a role may send addressed notifications to. A GP practice notifies the municipality
     * (or youth-care or other provider) it refers to; a municipality the referring practice (feedback) and the provider
     * it assigns; a provider the municipality and the practice of an assignment. Nobody addresses its own role.
     */
    private static final Map<String, List<String>> ADDRESSABLE = Map.of(
            "GP_PRACTICE", List.of("MUNICIPALITY", "PROVIDER"),
            "MUNICIPALITY", List.of("GP_PRACTICE", "PROVIDER"),
            "PROVIDER", List.of("MUNICIPALITY", "GP_PRACTICE"));

    /**
     * The roles that may publish a generic object type, where not every role may: a service catalogue is a
     * municipality's. Provisioning grants WRITE on the type's topic to these roles only, and a node takes such an
     * object in only from them. A generic type not named here is published by every role (a contact point).
     */
    private static final Map<SharedObjectType, List<String>> PUBLISHERS = Map.of(
            SharedObjectType.SERVICE, List.of("MUNICIPALITY"));

    private NotificationTopics() {
    }

    /** Whether a participant of {@code role} may publish objects of the generic {@code type} (see {@link #PUBLISHERS}). */
    public static boolean mayPublish(String role, SharedObjectType type) {
        if (!type.generic()) {
            throw new IllegalArgumentException(type.code() + " notifications are addressed, not published");
        }
        List<String> publishers = PUBLISHERS.get(type);
        return ADDRESSABLE.containsKey(role) && (publishers == null || publishers.contains(role));
    }

    /** The inbox of one participant, e.g. {@code bronsein.inbox.municipality.oin.00000001001234567000}. */
    public static String inbox(String role, String participantUrn) {
        Matcher id = PARTICIPANT.matcher(participantUrn == null ? "" : participantUrn);
        if (!id.matches()) {
            throw new IllegalArgumentException("not a participant URN: " + participantUrn);
        }
        return inboxPrefix(role) + id.group(1) + "." + id.group(2);
    }

    /** The prefix of every inbox of one role, e.g. {@code bronsein.inbox.municipality.}: the resource of a WRITE ACL. */
    public static String inboxPrefix(String role) {
        if (role == null || !ADDRESSABLE.containsKey(role)) {
            throw new IllegalArgumentException("not a participant role: " + role);
        }
        return INBOX_PREFIX + role.toLowerCase(Locale.ROOT).replace('_', '-') + ".";
    }

    /** The participant whose inbox a topic is, as a URN; empty for any other topic. */
    public static Optional<String> recipientOf(String topic) {
        Matcher inbox = INBOX.matcher(topic == null ? "" : topic);
        if (!inbox.matches() || ADDRESSABLE.keySet().stream().noneMatch(r -> inboxPrefix(r).equals(
                INBOX_PREFIX + inbox.group(1) + "."))) {
            return Optional.empty();
        }
        return Optional.of("urn:nld:" + inbox.group(2) + ":" + inbox.group(3));
    }

    /** The topic of a generic object type that every participant may read, e.g. {@code bronsein.generic.contact-point}. */
    public static String generic(SharedObjectType type) {
        if (!type.generic()) {
            throw new IllegalArgumentException(type.code() + " notifications are addressed, not generic");
        }
        return GENERIC_PREFIX + type.code();
    }

    /** Every generic topic. */
    public static List<String> genericTopics() {
        return java.util.Arrays.stream(SharedObjectType.values()).filter(SharedObjectType::generic)
                .map(NotificationTopics::generic).toList();
    }

    /** The roles a participant of {@code role} may address (see the class comment); empty for an unknown role. */
    public static List<String> addressableRoles(String role) {
        return ADDRESSABLE.getOrDefault(role, List.of());
    }
}
