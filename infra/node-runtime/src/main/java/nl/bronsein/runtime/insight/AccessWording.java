package nl.bronsein.runtime.insight;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words a citizen reads in their access report, from a resource bundle ({@code wording.properties}, Dutch): the
 * report carries no internal codes, and a code the bundle does not know reads as a general phrase rather than as itself.
 */
final class AccessWording {

    private final ResourceBundle words = ResourceBundle.getBundle("nl.bronsein.runtime.insight.wording",
            Locale.forLanguageTag("nl"));

    String data(String objectType) {
        return word("data." + objectType, "data.other");
    }

    String purpose(String purpose) {
        return purpose == null ? null : word("purpose." + purpose, "purpose.other");
    }

    String outcome(String outcome) {
        return word("outcome." + outcome, "outcome.other");
    }

    String staffOf(String organisation) {
        return word("party.staff", null).formatted(organisation);
    }

    String unknownParty() {
        return word("party.unknown", null);
    }

    String unavailable() {
        return word("source.unavailable", null);
    }

    String refused() {
        return word("source.refused", null);
    }

    private String word(String key, String fallback) {
        try {
            return words.getString(key);
        } catch (MissingResourceException e) {
            return fallback == null ? key : words.getString(fallback);
        }
    }
}
