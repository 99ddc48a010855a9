package nl.bronsein.runtime.retention;

import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;

/**
 * How long the node keeps its processing records and its pulled copies ({@code bronsein.retention.*}): a period per
 * object type, each with the legal basis it rests on, and {@code default} for a type not named. The defaults
 * ({@link #DEFAULT_PROCESSING_RECORDS}, {@link #DEFAULT_PULLED_COPIES}) are documented in docs/configuration.md; they
 * are a starting point that the organisation's privacy officer confirms or replaces, not legal advice.
 *
 * @param interval          how often the retention job runs (default one day)
 * @param processingRecords per object type of the record ({@code referral}, {@code case}, ..., {@code
 *                          notification-history}; {@code default} for the rest, also records of no object): counted
 *                          from the record's end time
 * @param pulledCopies      per object type of the copy: counted from when it was last pulled, or for a withdrawn copy
 *                          from its withdrawal
 */
@Validated
@ConfigurationProperties("bronsein.retention")
public record RetentionProperties(
        @DurationMin(inclusive = false, message = "must be longer than zero, e.g. 24h") Duration interval,
        Map<String, Rule> processingRecords,
        Map<String, Rule> pulledCopies) {

    /** The key of the rule for every object type without one of its own. */
    public static final String DEFAULT = "default";

    private static final String NEN_7513 = "Besluit elektronische gegevensverwerking door zorgaanbieders art. 5 and its "
            + "regeling (Stcrt. 2019, 38007): logging at least 5 years from writing; NEN 7513 par. 8.5";
    private static final String FILE = "part of the holder's file: WGBO art. 7:454 (GP, 20 years), Jeugdwet art. 7.3.8 "
            + "(20 years); Wmo 2015 sets none (AVG art. 5(1)(e)), shorten for a Wmo-only organisation";

    public static final Map<String, Rule> DEFAULT_PROCESSING_RECORDS = Map.of(
            DEFAULT, new Rule(Period.ofYears(5), NEN_7513));

    public static final Map<String, Rule> DEFAULT_PULLED_COPIES = defaultCopies();

    /**
     * @param period     how long after its moment (see the properties above) a record or copy is removed
     * @param legalBasis why this long: the law or the decision of the organisation it rests on
     */
    public record Rule(Period period, String legalBasis) {
    }

    public RetentionProperties {
        interval = interval == null ? Duration.ofDays(1) : interval;
        processingRecords = merged(DEFAULT_PROCESSING_RECORDS, processingRecords, "processing-records");
        pulledCopies = merged(DEFAULT_PULLED_COPIES, pulledCopies, "pulled-copies");
    }

    /** The rule for a processing record of this object type ({@code null}: a record of no object). */
    public Rule processingRecord(String objectType) {
        return processingRecords.getOrDefault(objectType == null ? DEFAULT : objectType, processingRecords.get(DEFAULT));
    }

    /** The rule for a pulled copy of this object type. */
    public Rule pulledCopy(String objectType) {
        return pulledCopies.getOrDefault(objectType, pulledCopies.get(DEFAULT));
    }

    private static Map<String, Rule> defaultCopies() {
        Map<String, Rule> copies = new LinkedHashMap<>();
        copies.put(DEFAULT, new Rule(Period.ofYears(2), "AVG art. 5(1)(e): no longer than needed; name the type's "
                + "own period"));
        for (String type : new String[] {"referral", "case", "assignment", "question", "answer", "involvement",
                "assignment-request"}) {
            copies.put(type, new Rule(Period.ofYears(20), FILE));
        }
        copies.put("contact-point", new Rule(Period.ofYears(1), "AVG art. 5(1)(e): a function-level contact point no "
                + "longer changed or published is of no use after a year"));
        copies.put("service", new Rule(Period.ofYears(1), "AVG art. 5(1)(e): a catalogue service no longer changed or "
                + "published is of no use after a year"));
        return Map.copyOf(copies);
    }

    /** The configured rules over the defaults, a rule of the configuration whole: a period needs its legal basis. */
    private static Map<String, Rule> merged(Map<String, Rule> defaults, Map<String, Rule> configured, String name) {
        Map<String, Rule> rules = new LinkedHashMap<>(defaults);
        if (configured != null) {
            configured.forEach((type, rule) -> {
                String property = "bronsein.retention." + name + "." + type;
                if (rule == null || rule.period() == null || rule.period().isNegative() || rule.period().isZero()) {
                    throw new InvalidNodeConfigurationException(property + ".period", rule == null ? null : rule.period(),
                            "must be a period longer than zero", "e.g. P5Y");
                }
                if (rule.legalBasis() == null || rule.legalBasis().isBlank()) {
                    throw new InvalidNodeConfigurationException(property + ".legal-basis", rule.legalBasis(),
                            "must name the law or decision the period rests on",
                            "e.g. Jeugdwet art. 7.3.8 (20 years)");
                }
                rules.put(type, rule);
            });
        }
        return Map.copyOf(rules);
    }
}
