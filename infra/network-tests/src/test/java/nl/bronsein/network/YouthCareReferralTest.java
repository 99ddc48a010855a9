package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.staffclient.ReferralsApi;
import tools.jackson.databind.JsonNode;

/**
 * Youth care (issue 18): a GP refers a 14-year-old under the Jeugdwet directly to a youth-care provider, with the consent
 * the WGBO asks at that age — the child's own and a parent's with authority. The provider is offered the care and holds
 * the referral as pulled from the GP, with its law and who consented. Without the parent's consent the GP refuses the
 * referral at the field, records nothing and notifies no one.
 */
class YouthCareReferralTest {

    private static final LocalDate FOURTEEN = LocalDate.now().minusYears(14).minusMonths(3);

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stopNetwork() {
        network.close();
    }

    @Test
    void aFourteenYearOldReferredWithTheirOwnAndAParentsConsentIsOfferedToTheYouthCareProvider() {
        List<ReferralsApi.ConsentGiver> childAndMother = List.of(new ReferralsApi.ConsentGiver("CITIZEN", null),
                new ReferralsApi.ConsentGiver("PARENT_WITH_AUTHORITY", "Anouk Hendriks"));

        String referralId = network.staff(Participants.GP).referrals().create(youthReferral(childAndMother)).id();

        String assignmentId = chain.awaitAssignment(referralId);
        JsonNode held = chain.assignmentDetail(assignmentId).path("referral").path("content");
        assertThat(held.path("legalFramework").asString()).isEqualTo("JEUGDWET");
        assertThat(held.path("consent").path("givenBy")).extracting(giver -> giver.path("role").asString())
                .containsExactly("CITIZEN", "PARENT_WITH_AUTHORITY");
        assertThat(held.path("citizen").path("birthDate").asString()).isEqualTo(FOURTEEN.toString());
    }

    @Test
    void aFourteenYearOldsReferralWithoutAParentsConsentIsRefusedAndNotifiesNoOne() {
        JdbcClient gp = network.gp.getBean(JdbcClient.class);
        int referralsBefore = network.staff(Participants.GP).referrals().list().size();
        long outboxBefore = gp.sql("select count(*) from outbox_entry").query(Long.class).single();
        long consentsBefore = gp.sql("select count(*) from consent_record").query(Long.class).single();

        HttpResponse<String> refused = network.staffPost(Participants.GP, "/api/v1/referrals",
                TestNetwork.JSON.writeValueAsString(youthReferral(List.of(new ReferralsApi.ConsentGiver("CITIZEN", null)))));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = TestNetwork.JSON.readTree(refused.body());
        assertThat(problem.path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asString()).isEqualTo("consent.givenBy");
            assertThat(error.path("reason").asString()).contains("12 to 15");
        });
        assertThat(network.staff(Participants.GP).referrals().list()).hasSize(referralsBefore);
        assertThat(gp.sql("select count(*) from consent_record").query(Long.class).single()).isEqualTo(consentsBefore);
        // no outbox row, so no notification can ever leave for it
        assertThat(gp.sql("select count(*) from outbox_entry").query(Long.class).single()).isEqualTo(outboxBefore);
    }

    private static ReferralsApi.ReferralDraft youthReferral(List<ReferralsApi.ConsentGiver> givenBy) {
        return new ReferralsApi.ReferralDraft(
                new ReferralsApi.Citizen("999990019", "Sem Hendriks", FOURTEEN,
                        new ReferralsApi.Address("Assendorperstraat", "8", "8012 DH", "Zwolle"), null),
                new ReferralsApi.ContactPerson("Anouk Hendriks", "moeder", "06-12345678"),
                new ReferralsApi.Consent(Instant.now().minus(1, ChronoUnit.HOURS), "ORAL", null,
                        List.of("intake", "referral-feedback"), givenBy),
                "Jeugdhulp: somberheid en schoolverzuim", "Verzuimt school sinds de scheiding van de ouders",
                "REGULAR", new ReferralsApi.ContactPoint("Huisartsenpraktijk De Linde - assistentie", "038-1234567", null),
                Participants.PROVIDER.urn, "JEUGDWET", null);
    }
}
