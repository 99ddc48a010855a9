package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.client.gp.ApiClient;
import nl.bronsein.client.gp.ApiException;
import nl.bronsein.client.gp.ApiResponse;
import nl.bronsein.client.gp.JSON;
import nl.bronsein.client.gp.api.ReferralsApi;
import nl.bronsein.client.gp.model.Address;
import nl.bronsein.client.gp.model.Citizen;
import nl.bronsein.client.gp.model.Consent;
import nl.bronsein.client.gp.model.ContactPoint;
import nl.bronsein.client.gp.model.Problem;
import nl.bronsein.client.gp.model.ReferralDetail;
import nl.bronsein.client.gp.model.ReferralDraft;

/**
 * A client generated from {@code docs/api/gp-staff.json} by openapi-generator (java, native: java.net.http and Jackson,
 * nothing of this project's code) records a referral at a running GP node, and reads its typed answer and a typed
 * refusal. The document is then good enough for a participant's HIS vendor to generate from.
 */
class GeneratedClientTest {

    private TestNetwork network;

    @BeforeAll
    void startGpNode() throws Exception {
        network = new TestNetwork();
        network.gp = network.startGp();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void theGeneratedClientRecordsAReferralAndReadsTheTypedAnswer() throws ApiException {
        ReferralsApi referrals = new ReferralsApi(client(network.staffToken(Participants.GP)));

        String key = java.util.UUID.randomUUID().toString();
        ReferralDraft draft = deVries();
        ApiResponse<ReferralDetail> created = referrals.referralRecordWithHttpInfo(draft, key);

        assertThat(created.getStatusCode()).isEqualTo(201);
        ReferralDetail referral = created.getData();
        assertThat(referral.getStatus()).isEqualTo("RECORDED");
        assertThat(referral.getVersion()).isEqualTo(1);
        assertThat(referral.getReferral().getCitizen().getBsn()).isEqualTo(Referrals.BSN);
        assertThat(referral.getReferral().getConsent().getForm()).isEqualTo(Consent.FormEnum.SIGNED);
        assertThat(referral.getReferral().getUrgency()).isEqualTo(ReferralDraft.UrgencyEnum.REGULAR);
        assertThat(created.getHeaders().get("location")).containsExactly("/api/v1/referrals/" + referral.getId());
        assertThat(referrals.referralGet(referral.getId()).getRecordedAt()).isEqualTo(referral.getRecordedAt());
        // sent again with its Idempotency-Key, as after a lost answer: the first answer, not a second referral
        assertThat(referrals.referralRecord(draft, key).getId()).isEqualTo(referral.getId());
    }

    @Test
    void aRefusalIsAProblemTheGeneratedModelReads() throws Exception {
        ReferralsApi asNodeAdmin = new ReferralsApi(client(network.staffToken(Participants.GP, "NODE_ADMIN")));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> asNodeAdmin.referralRecord(deVries(), null));

        assertThat(refused.getCode()).isEqualTo(403);
        Problem problem = new JSON().getMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getDetail()).isEqualTo("your role does not include this task");
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + network.staffPorts.get(Participants.GP));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static ReferralDraft deVries() {
        return new ReferralDraft()
                .citizen(new Citizen().bsn(Referrals.BSN).name(Referrals.NAME).birthDate(LocalDate.parse(Referrals.BIRTH_DATE))
                        .address(new Address().street(Referrals.STREET).houseNumber("12").postalCode(Referrals.POSTAL_CODE)
                                .city(Referrals.CITY))
                        .phone(Referrals.PHONE))
                .consent(new Consent().givenAt(OffsetDateTime.now().minusHours(1)).form(Consent.FormEnum.SIGNED)
                        .documentReference("HIS-2026-0042").purposes(List.of("intake")))
                .requestedSupport(Referrals.REQUESTED_SUPPORT)
                .problemAnalysis(Referrals.PROBLEM)
                .urgency(ReferralDraft.UrgencyEnum.REGULAR)
                .contactPoint(new ContactPoint().name("Huisartsenpraktijk De Linde - assistentie").phone("038-1234567"))
                .addressee(Participants.MUNICIPALITY.urn);
    }
}
