package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff API shows a case flat, under the names its clients and the OpenAPI document know, whatever the parts look
 * like inside: the parts themselves never appear.
 */
class CaseJsonTest {

    private static final List<String> FIELDS = List.of("id", "version", "status", "referralOwner", "referralId",
            "receivedAt", "pickedUpAt", "contactPointId", "decision", "assignedProvider", "assignedAt", "conclusion",
            "concludedAt", "returnedTo", "returnReason", "returnedAt", "closeReason", "closedAt", "requestedBy", "requestId");

    private final JsonMapper json = new JsonMapper();

    @ParameterizedTest
    @EnumSource(CaseTransitionsTest.State.class)
    void aCaseIsShownFlatUnderItsNames(CaseTransitionsTest.State state) {
        Case c = state.c;

        JsonNode shown = json.valueToTree(c);

        List<String> names = new ArrayList<>(shown.propertyNames());
        assertThat(names).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(shown.get("status").stringValue()).isEqualTo(c.status().name());
        assertThat(text(shown, "contactPointId")).isEqualTo(c.contactPointId() == null ? null : c.contactPointId().toString());
        assertThat(text(shown, "assignedProvider")).isEqualTo(c.assignedProvider());
        assertThat(text(shown, "conclusion")).isEqualTo(c.conclusion());
        assertThat(text(shown, "returnedTo")).isEqualTo(c.returnedTo());
        assertThat(text(shown, "returnReason")).isEqualTo(c.returnReason());
        assertThat(text(shown, "closeReason")).isEqualTo(c.closeReason());
        assertThat(shown.get("pickedUpAt").isNull()).isEqualTo(c.pickedUpAt() == null);
        assertThat(shown.get("assignedAt").isNull()).isEqualTo(c.assignedAt() == null);
        assertThat(shown.get("concludedAt").isNull()).isEqualTo(c.concludedAt() == null);
        assertThat(shown.get("returnedAt").isNull()).isEqualTo(c.returnedAt() == null);
        assertThat(shown.get("closedAt").isNull()).isEqualTo(c.closedAt() == null);
        assertThat(shown.get("decision").isNull()).isEqualTo(c.decision() == null);
        assertThat(text(shown, "requestedBy")).isEqualTo(c.requestedBy());
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).stringValue();
    }
}
