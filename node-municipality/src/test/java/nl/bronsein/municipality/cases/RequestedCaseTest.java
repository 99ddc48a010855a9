package nl.bronsein.municipality.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * A case that answers a youth-care provider's request for an assignment: it goes the case's usual way, keeps the
 * request through every step, and can be assigned only to the provider that asked — granting the request is
 * assigning that provider; another provider is another request.
 */
class RequestedCaseTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final String GP = "urn:nld:kvk:11112222";
    private static final String ASKING = "urn:nld:kvk:12345678";
    private static final String OTHER = "urn:nld:kvk:87654321";

    private final Case.Request request = new Case.Request(ASKING, UUID.randomUUID().toString());
    private final Case decided = Case.requested(GP, "r-1", request, T)
            .pickUp(new Case.PickUp(UUID.randomUUID(), T))
            .decide(new Decision(DecisionOutcome.GRANTED, "45A11", null, null, T));

    @Test
    void onlyTheProviderThatAskedCanBeAssigned() {
        assertThatThrownBy(() -> decided.assign(new Case.Assignment(OTHER, T)))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining(ASKING);

        Case assigned = decided.assign(new Case.Assignment(ASKING, T));

        assertThat(assigned.status()).isEqualTo(CaseStatus.ASSIGNED);
        assertThat(assigned.request()).isEqualTo(request);
        assertThat(assigned.requestedBy()).isEqualTo(ASKING);
        assertThat(request.reference()).isEqualTo(new ObjectReferenceView(ASKING, "assignment-request", request.requestId()));
    }

    @Test
    void aCaseOnAReferralToUsAnswersNoRequestAndAnyListedProviderCanBeAssigned() {
        Case onReferral = Case.received(GP, "r-2", T).pickUp(new Case.PickUp(UUID.randomUUID(), T))
                .decide(new Decision(DecisionOutcome.GRANTED, "45A11", null, null, T));

        assertThat(onReferral.request()).isNull();
        assertThat(onReferral.assign(new Case.Assignment(OTHER, T)).assignedProvider()).isEqualTo(OTHER);
    }
}
