package nl.bronsein.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;
import nl.bronsein.runtime.retention.RetentionProperties.Rule;

/** The retention rules: documented defaults, a type's own rule over them, and no period without its legal basis. */
class RetentionPropertiesTest {

    @Test
    void withNothingSetTheDocumentedDefaultsHold() {
        RetentionProperties defaults = new RetentionProperties(null, null, null);

        assertThat(defaults.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.processingRecord(null).period()).isEqualTo(Period.ofYears(5));
        assertThat(defaults.processingRecord("referral").period()).isEqualTo(Period.ofYears(5));
        assertThat(defaults.pulledCopy("referral").period()).isEqualTo(Period.ofYears(20));
        assertThat(defaults.pulledCopy("contact-point").period()).isEqualTo(Period.ofYears(1));
        assertThat(defaults.pulledCopy("a-type-not-named").period()).isEqualTo(Period.ofYears(2));
        assertThat(defaults.pulledCopy("referral").legalBasis()).contains("WGBO art. 7:454", "Jeugdwet art. 7.3.8");
    }

    @Test
    void aTypesOwnRuleReplacesTheDefaultForThatTypeOnly() {
        RetentionProperties set = new RetentionProperties(null, null,
                Map.of("referral", new Rule(Period.ofYears(15), "Selectielijst gemeenten")));

        assertThat(set.pulledCopy("referral")).isEqualTo(new Rule(Period.ofYears(15), "Selectielijst gemeenten"));
        assertThat(set.pulledCopy("case").period()).isEqualTo(Period.ofYears(20));
    }

    @Test
    void boundFromTheNodesPropertiesAsDocumented() {
        RetentionProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                "bronsein.retention.interval", "12h",
                "bronsein.retention.processing-records.notification-history.period", "P2Y",
                "bronsein.retention.processing-records.notification-history.legal-basis", "NEN 7513 par. 8.5",
                "bronsein.retention.pulled-copies.referral.period", "P15Y",
                "bronsein.retention.pulled-copies.referral.legal-basis", "Selectielijst gemeenten")))
                .bind("bronsein.retention", RetentionProperties.class).get();

        assertThat(bound.interval()).isEqualTo(Duration.ofHours(12));
        assertThat(bound.processingRecord("notification-history")).isEqualTo(new Rule(Period.ofYears(2), "NEN 7513 par. 8.5"));
        assertThat(bound.processingRecord("case").period()).isEqualTo(Period.ofYears(5));
        assertThat(bound.pulledCopy("referral").period()).isEqualTo(Period.ofYears(15));
    }

    @Test
    void aPeriodWithoutItsLegalBasisOrOfZeroIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new RetentionProperties(null, Map.of("case", new Rule(Period.ofYears(7), " ")), null))
                .isInstanceOf(InvalidNodeConfigurationException.class)
                .hasMessageStartingWith("bronsein.retention.processing-records.case.legal-basis");
        assertThatThrownBy(() -> new RetentionProperties(null, null, Map.of("default", new Rule(Period.ZERO, "AVG"))))
                .isInstanceOf(InvalidNodeConfigurationException.class)
                .hasMessageStartingWith("bronsein.retention.pulled-copies.default.period");
    }
}
