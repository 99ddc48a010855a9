package nl.bronsein.runtime.inbox;

import java.time.Instant;

import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;

/**
 * The widths of the inbox's columns ({@code inbox_entry}, {@code parked_record} in {@code db/runtime}), in the one place
 * the code knows them, and the check every notification passes against them before anything of it is stored. A test
 * ({@code InboxBoundsTest}) reads the widths back from the migrated schema on H2 and PostgreSQL, so a migration that
 * changes a column and not this class fails the build.
 * <p>
 * Why a check and not the database's refusal: a CloudEvents attribute fits a Kafka header of any length, and a
 * {@code ce_id} of 300 characters made the insert fail inside the listener's transaction; the poll was retried for
 * ever and every record behind it waited (issue 15). Lengths are counted in UTF-16 units ({@link String#length()}),
 * never fewer than the characters H2 or PostgreSQL count, so a value that passes always fits.
 */
public final class InboxBounds {

    public static final int SOURCE = 100;
    public static final int EVENT_ID = 200;
    public static final int EVENT_TYPE = 200;
    public static final int SUBJECT = 64;
    public static final int DATAREF = 500;
    public static final int PURPOSE = 50;
    /** {@code last_error} and {@code parked_record.reason}: reasons are cut to this. */
    public static final int REASON = 300;
    /** Kafka's own longest topic name, so any topic a record came from fits {@code parked_record.topic}. */
    public static final int TOPIC = 249;
    /**
     * {@code occurred_at}: years PostgreSQL's and H2's timestamps both hold and RFC 3339 (four-digit years) can write;
     * a {@code ce_time} of year 300000 fits an {@link Instant} but not PostgreSQL.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InboxBounds() {
    }

    /**
     * @throws MalformedNotificationException naming the attribute and its bound (never its value) when an attribute
     *                                        would not fit its column, or holds a control character (PostgreSQL
     *                                        refuses a NUL in text, and none belongs in an identifier or URL)
     */
    public static void check(Notification notification) {
        within("ce_id", notification.id(), EVENT_ID);
        within("ce_source", notification.source(), SOURCE);
        within("ce_type", notification.type(), EVENT_TYPE);
        within("ce_subject", notification.subject(), SUBJECT);
        within("ce_dataref", notification.dataref().toString(), DATAREF);
        if (notification.time().isBefore(EARLIEST) || notification.time().isAfter(LATEST)) {
            throw new MalformedNotificationException("ce_time is outside the years 1 to 9999");
        }
    }

    /** A reason as it fits {@code last_error} and {@code parked_record.reason}. */
    static String reason(String reason) {
        return reason == null || reason.length() <= REASON ? reason : reason.substring(0, REASON);
    }

    private static void within(String attribute, String value, int bound) {
        if (value.length() > bound) {
            throw new MalformedNotificationException(attribute + " is longer than " + bound + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedNotificationException(attribute + " contains a control character");
        }
    }
}
