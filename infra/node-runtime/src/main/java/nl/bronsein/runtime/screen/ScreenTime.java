package nl.bronsein.runtime.screen;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Moments as staff read them: Dutch, in the Netherlands' time zone, whatever zone the node's server runs in. Pages call
 * it as {@code ${@screenTime.format(moment)}}.
 */
public class ScreenTime {

    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.forLanguageTag("nl"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));

    private final Clock clock;

    public ScreenTime(Clock clock) {
        this.clock = clock;
    }

    public String format(Instant moment) {
        return moment == null ? "" : MOMENT.format(moment.atZone(NETHERLANDS));
    }

    public String date(java.time.LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** The first moment of a day in the Netherlands: where a day a member of staff names begins. */
    public Instant startOf(java.time.LocalDate day) {
        return day.atStartOfDay(NETHERLANDS).toInstant();
    }

    /** How long ago, in whole days, hours or minutes: for a worklist ordered by age. */
    public String age(Instant moment) {
        if (moment == null) {
            return "";
        }
        java.time.Duration age = java.time.Duration.between(moment, clock.instant());
        if (age.toDays() >= 1) {
            return age.toDays() == 1 ? "1 dag" : age.toDays() + " dagen";
        }
        if (age.toHours() >= 1) {
            return age.toHours() + " uur";
        }
        return Math.max(0, age.toMinutes()) + " min";
    }
}
