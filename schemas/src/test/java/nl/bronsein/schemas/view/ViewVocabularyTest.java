package nl.bronsein.schemas.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The status vocabularies of the views as they travel: the wire values are the constants' names, released constants
 * are never removed, renamed or reordered (only appended), and a reader on an older release reads a constant it does
 * not know as null and the rest of the view as sent.
 */
class ViewVocabularyTest {

    /** The constants as released; a new constant is appended here and in its enum, nothing else changes. */
    static Stream<Arguments> released() {
        return Stream.of(
                Arguments.of(CaseStatus.class, List.of("RECEIVED", "PICKED_UP", "DECIDED", "ASSIGNED", "CONCLUDED",
                        "RETURNED", "CLOSED_WITHOUT_DECISION")),
                Arguments.of(AssignmentStatus.class, List.of("OFFERED", "ACCEPTED", "DECLINED", "CARE_STARTED",
                        "CARE_ENDED")),
                Arguments.of(DecisionOutcome.class, List.of("GRANTED", "DECLINED", "REDIRECTED")),
                Arguments.of(ReferralStatus.class, List.of("RECORDED", "CORRECTED", "WITHDRAWN")),
                Arguments.of(ConsentStatus.class, List.of("GIVEN", "WITHDRAWN")),
                Arguments.of(QuestionStatus.class, List.of("OPEN", "ANSWERED", "REFUSED", "WITHDRAWN")),
                Arguments.of(AnswerStatus.class, List.of("ANSWERED", "REFUSED")),
                Arguments.of(ServiceKind.class, List.of("WMO_PRODUCT", "YOUTH_PRODUCT", "GENERAL_PROVISION")),
                Arguments.of(InvolvementStatus.class, List.of("ACTIVE", "ENDED")),
                Arguments.of(AssignmentRequestStatus.class, List.of("REQUESTED", "GRANTED", "REFUSED", "WITHDRAWN")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("released")
    void releasedConstantsStayAsTheyAre(Class<? extends Enum<?>> vocabulary, List<String> released) {
        List<String> current = Arrays.stream(vocabulary.getEnumConstants()).map(Enum::name).toList();
        assertThat(current).as("constants are only appended").startsWith(released.toArray(String[]::new));
    }

    private final JsonMapper json = new JsonMapper();
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final ObjectReferenceView REFERRAL = new ObjectReferenceView("urn:nld:kvk:12345678", "referral", "r-1");

    @Test
    void aCaseStatusTravelsAsItsName() {
        CaseFeedbackView view = new CaseFeedbackView("c-1", 4, "urn:nld:oin:1", CaseStatus.CLOSED_WITHOUT_DECISION,
                REFERRAL, T, null, null, null,
                new DecisionView(DecisionOutcome.REDIRECTED, null, null, "welzijnscoach", T), null, null, null, null,
                null, null, T);

        String wire = json.writeValueAsString(view);

        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("CLOSED_WITHOUT_DECISION");
        assertThat(json.readTree(wire).get("decision").get("outcome").stringValue()).isEqualTo("REDIRECTED");
        assertThat(json.readValue(wire, CaseFeedbackView.class)).isEqualTo(view);
    }

    @Test
    void aCaseStatusOfANewerReleaseReadsAsNullAndTheRestAsSent() {
        String wire = """
                {"objectId":"c-1","version":5,"owner":"urn:nld:oin:1","status":"SUSPENDED","receivedAt":"%s",
                 "decision":{"outcome":"DEFERRED","decidedAt":"%s"},"suspendedAt":"%s"}""".formatted(T, T, T);

        CaseFeedbackView view = json.rebuild()
                .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(wire, CaseFeedbackView.class);

        assertThat(view.status()).isNull();
        assertThat(view.decision().outcome()).isNull();
        assertThat(view.decision().decidedAt()).isEqualTo(T);
        assertThat(view.receivedAt()).isEqualTo(T);
        assertThat(view.version()).isEqualTo(5);
    }

    @Test
    void assignmentStatusesTravelAsTheirNamesAndANewerOneReadsAsNull() {
        AssignmentView view = new AssignmentView("a-1", 3, "urn:nld:kvk:87654321", AssignmentStatus.CARE_STARTED,
                REFERRAL, REFERRAL, null, T, T, null, null, T, null);
        String wire = json.writeValueAsString(view);
        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("CARE_STARTED");
        assertThat(json.readValue(wire, AssignmentView.class)).isEqualTo(view);

        AssignmentView newer = json.readValue(wire.replace("CARE_STARTED", "CARE_PAUSED"), AssignmentView.class);
        assertThat(newer.status()).isNull();
        assertThat(newer.careStartedAt()).isEqualTo(T);
    }

    @Test
    void theCareDeliveryViewReadsANewerCaseStatusAsNull() {
        CaseCareDeliveryView view = new CaseCareDeliveryView("c-1", 4, "urn:nld:oin:1", CaseStatus.ASSIGNED, REFERRAL,
                "urn:nld:kvk:87654321", T, null, null, null);
        String wire = json.writeValueAsString(view);
        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("ASSIGNED");
        assertThat(json.readValue(wire.replace("ASSIGNED", "SUSPENDED"), CaseCareDeliveryView.class).status()).isNull();
    }

    /** A consent status this release does not know reads as null, which every reader takes as not given. */
    @Test
    void referralAndConsentStatusesTravelAsTheirNamesAndNewerOnesReadAsNull() {
        ReferralIntakeView view = new ReferralIntakeView("r-1", 2, "urn:nld:kvk:12345678", ReferralStatus.CORRECTED, T,
                null, null, new ReferralIntakeView.Consent("c-1", T, "SIGNED", null, List.of("intake"), ConsentStatus.GIVEN),
                "support", null, "ROUTINE", null, "urn:nld:oin:1", LegalFramework.WMO, null);
        String wire = json.writeValueAsString(view);
        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("CORRECTED");
        assertThat(json.readTree(wire).get("consent").get("status").stringValue()).isEqualTo("GIVEN");
        assertThat(json.readValue(wire, ReferralIntakeView.class)).isEqualTo(view);

        ReferralIntakeView newer = json.readValue(wire.replace("CORRECTED", "ARCHIVED").replace("GIVEN", "PAUSED"),
                ReferralIntakeView.class);
        assertThat(newer.status()).isNull();
        assertThat(newer.consent().status()).isNull();
        assertThat(newer.consent().purposes()).containsExactly("intake");
    }

    @Test
    void questionAndAnswerStatusesTravelAsTheirNamesAndNewerOnesReadAsNull() {
        QuestionView question = new QuestionView("q-1", 2, "urn:nld:oin:1", QuestionStatus.REFUSED, REFERRAL,
                new ObjectReferenceView("urn:nld:oin:1", "case", "c-1"), "care-coordination", "Is er mantelzorg?",
                LocalDate.parse("2026-12-01"), T, null);
        String wire = json.writeValueAsString(question);
        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("REFUSED");
        assertThat(json.readTree(wire).get("answerBy").stringValue()).isEqualTo("2026-12-01");
        assertThat(json.readValue(wire, QuestionView.class)).isEqualTo(question);
        QuestionView newerQuestion = json.readValue(wire.replace("REFUSED", "ESCALATED"), QuestionView.class);
        assertThat(newerQuestion.status()).isNull();
        assertThat(newerQuestion.purpose()).isEqualTo("care-coordination");

        AnswerView answer = new AnswerView("a-1", 1, "urn:nld:kvk:12345678", AnswerStatus.ANSWERED,
                new ObjectReferenceView("urn:nld:oin:1", "question", "q-1"), REFERRAL, "Ja, de dochter.", null, T);
        String answerWire = json.writeValueAsString(answer);
        assertThat(json.readTree(answerWire).get("status").stringValue()).isEqualTo("ANSWERED");
        assertThat(json.readValue(answerWire, AnswerView.class)).isEqualTo(answer);
        AnswerView newerAnswer = json.readValue(answerWire.replace("\"ANSWERED\"", "\"PARTLY_ANSWERED\""),
                AnswerView.class);
        assertThat(newerAnswer.status()).isNull();
        assertThat(newerAnswer.answer()).isEqualTo("Ja, de dochter.");
    }

    /** Overdue is the day after the answer-by day in the Netherlands, and never once answered. */
    @Test
    void aQuestionIsOverdueFromTheDayAfterItsAnswerByDayInTheNetherlands() {
        LocalDate answerBy = LocalDate.parse("2026-12-01");
        assertThat(QuestionView.overdue(answerBy, false, Instant.parse("2026-12-01T22:59:59Z"))).isFalse();
        assertThat(QuestionView.overdue(answerBy, false, Instant.parse("2026-12-01T23:00:00Z"))).isTrue();
        assertThat(QuestionView.overdue(answerBy, true, Instant.parse("2026-12-05T12:00:00Z"))).isFalse();
    }

    /** A catalogue service of a newer kind stays in the directory with its kind unknown; the rest reads as sent. */
    @Test
    void aServiceKindTravelsAsItsNameAndANewerOneReadsAsNull() {
        CatalogueServiceView view = new CatalogueServiceView("s-1", 1, "urn:nld:oin:1", "Huishoudelijke hulp",
                ServiceKind.WMO_PRODUCT, "Hulp bij het huishouden", List.of("urn:nld:kvk:87654321"), 6,
                java.time.LocalDate.of(2026, 1, 1), null);
        String wire = json.writeValueAsString(view);
        assertThat(json.readTree(wire).get("kind").stringValue()).isEqualTo("WMO_PRODUCT");
        assertThat(json.readValue(wire, CatalogueServiceView.class)).isEqualTo(view);

        CatalogueServiceView newer = json.readValue(wire.replace("WMO_PRODUCT", "RESPITE_CARE"), CatalogueServiceView.class);
        assertThat(newer.kind()).isNull();
        assertThat(newer.providers()).containsExactly("urn:nld:kvk:87654321");
    }

    /** Offered from its first day up to, not including, the day it ends. */
    @Test
    void aServiceIsEffectiveFromItsFirstDayUntilItsEnd() {
        java.time.LocalDate first = java.time.LocalDate.of(2026, 3, 1);
        CatalogueServiceView open = new CatalogueServiceView("s-1", 1, "urn:nld:oin:1", "Dagbesteding",
                ServiceKind.GENERAL_PROVISION, null, List.of(), null, first, null);
        assertThat(open.effectiveOn(first.minusDays(1))).isFalse();
        assertThat(open.effectiveOn(first)).isTrue();
        assertThat(open.effectiveOn(first.plusYears(5))).isTrue();
        CatalogueServiceView ended = new CatalogueServiceView("s-1", 2, "urn:nld:oin:1", "Dagbesteding",
                ServiceKind.GENERAL_PROVISION, null, List.of(), null, first, first.plusDays(10));
        assertThat(ended.effectiveOn(first.plusDays(9))).isTrue();
        assertThat(ended.effectiveOn(first.plusDays(10))).isFalse();
    }

    @Test
    void involvementStatusesTravelAsTheirNamesAndNewerOnesReadAsNull() {
        InvolvementView view = new InvolvementView("i-1", 2, "urn:nld:oin:1", InvolvementStatus.ENDED,
                new InvolvementView.InvolvedCitizen("999998882", "A. Jansen", java.time.LocalDate.of(1950, 3, 1)),
                java.time.LocalDate.of(2026, 11, 1), null, T, null, null, "urn:nld:kvk:12345678",
                new InvolvementView.InvolvementConsent(T, "ORAL", List.of("care-coordination"), ConsentStatus.GIVEN));
        String wire = json.writeValueAsString(view);
        assertThat(json.readTree(wire).get("status").stringValue()).isEqualTo("ENDED");
        assertThat(json.readValue(wire, InvolvementView.class)).isEqualTo(view);

        InvolvementView newer = json.readValue(wire.replace("ENDED", "SUSPENDED").replace("GIVEN", "PAUSED"),
                InvolvementView.class);
        assertThat(newer.status()).isNull();
        assertThat(newer.consent().status()).isNull();
        assertThat(newer.endedAt()).isEqualTo(T);
    }
}
