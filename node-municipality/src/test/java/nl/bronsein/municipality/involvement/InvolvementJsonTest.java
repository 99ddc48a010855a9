package nl.bronsein.municipality.involvement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The staff API shows an involvement flat, in the shape of the form it was recorded with, plus what the steps set. */
class InvolvementJsonTest {

    private static final List<String> FIELDS = List.of("id", "version", "status", "citizen", "since", "until",
            "contactPointId", "gpPractice", "consent", "startedAt", "endedAt");

    private final JsonMapper json = new JsonMapper();

    @ParameterizedTest
    @EnumSource(InvolvementTransitionsTest.State.class)
    void anInvolvementIsShownFlatUnderTheFormsNames(InvolvementTransitionsTest.State state) {
        Involvement involvement = state.involvement;

        JsonNode shown = json.valueToTree(involvement);

        assertThat(shown.propertyNames()).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(shown.get("citizen").get("bsn").stringValue()).isEqualTo(involvement.details().citizen().bsn());
        assertThat(shown.get("gpPractice").stringValue()).isEqualTo(involvement.details().gpPractice());
        assertThat(shown.get("consent").get("status").stringValue()).isEqualTo(involvement.consent().status().name());
        assertThat(shown.get("endedAt").isNull()).isEqualTo(involvement.endedAt() == null);
    }
}
