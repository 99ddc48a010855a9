package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.staffclient.CatalogueApi;
import nl.bronsein.staffclient.ReferralsApi;
import tools.jackson.databind.JsonNode;

/**
 * The service catalogue (sociale kaart) across the network: a municipality publishes, corrects and retires a service on
 * the generic topic and every node's directory follows; a GP's referral names a service, which the practice checks
 * against its directory and the municipality's case shows from its own catalogue.
 */
class ServiceCatalogueEndToEndTest {

    private static final List<Participants> NODES = List.of(Participants.GP, Participants.MUNICIPALITY,
            Participants.PROVIDER);
    private static final List<String> PURPOSES = List.of("intake", "referral-feedback", "care-delivery");

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
    void aPublishedServiceReachesEveryNodeAndACorrectionAndARetirementFollowEverywhere() {
        CatalogueApi.Service published = publish("Rolstoelvoorziening", "WMO_PRODUCT", today().minusDays(1));
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.owner()).isEqualTo(Participants.MUNICIPALITY.urn);

        for (Participants node : NODES) {
            assertThat(awaitVersion(node, published.objectId(), 1)).isEqualTo(published);
            assertThat(catalogue(node).list(Participants.MUNICIPALITY.urn, "WMO_PRODUCT", null))
                    .extracting(CatalogueApi.Service::objectId).contains(published.objectId());
            assertThat(catalogue(node).list(null, "YOUTH_PRODUCT", null)).extracting(CatalogueApi.Service::objectId)
                    .doesNotContain(published.objectId());
            assertThat(catalogue(node).list(Participants.OTHER_MUNICIPALITY.urn, null, null)).isEmpty();
        }

        CatalogueApi.Service corrected = catalogue(Participants.MUNICIPALITY).correct(published.objectId(),
                new CatalogueApi.ServiceForm("Rolstoelvoorziening", "WMO_PRODUCT", "Rolstoel op maat, in bruikleen",
                        List.of(Participants.PROVIDER.urn), 10, today().minusDays(1), null));
        assertThat(corrected.version()).isEqualTo(2);
        for (Participants node : NODES) {
            CatalogueApi.Service seen = awaitVersion(node, published.objectId(), 2);
            assertThat(seen.waitingWeeks()).isEqualTo(10);
            assertThat(seen.description()).isEqualTo("Rolstoel op maat, in bruikleen");
        }

        CatalogueApi.Service retired = catalogue(Participants.MUNICIPALITY).retire(published.objectId(),
                new CatalogueApi.Retirement(null));
        assertThat(retired.version()).isEqualTo(3);
        assertThat(retired.effectiveUntil()).isEqualTo(today());
        for (Participants node : NODES) {
            assertThat(awaitVersion(node, published.objectId(), 3)).isEqualTo(retired);
            assertThat(catalogue(node).list(null, null, null)).extracting(CatalogueApi.Service::objectId)
                    .doesNotContain(published.objectId());
        }
    }

    @Test
    void onlyTheCatalogueEditorOfAMunicipalityPublishesAndOnlyListedProviders() {
        Map<String, Object> form = form("Dagbesteding", "GENERAL_PROVISION", today(), List.of(Participants.GP.urn));

        HttpResponse<String> notAProvider = network.staffPost(Participants.MUNICIPALITY, "/api/v1/catalogue/services",
                TestNetwork.JSON.writeValueAsString(form));
        assertProblem(notAProvider, 400, "providers[0]");

        // the GP's staff have no catalogue role: a GP practice publishes no catalogue
        HttpResponse<String> atTheGp = network.staffPost(Participants.GP, "/api/v1/catalogue/services",
                TestNetwork.JSON.writeValueAsString(form("Dagbesteding", "GENERAL_PROVISION", today(), List.of())));
        assertThat(atTheGp.statusCode()).isEqualTo(403);

        assertThat(catalogue(Participants.MUNICIPALITY).list(null, null, true)).extracting(CatalogueApi.Service::name)
                .doesNotContain("Dagbesteding");
    }

    @Test
    void aReferralNamingAServiceIsTakenInAndTheMunicipalitysCaseShowsWhichService() {
        CatalogueApi.Service service = publish("Hulpmiddelen mobiliteit", "WMO_PRODUCT", today().minusDays(1));
        awaitVersion(Participants.GP, service.objectId(), 1);

        ReferralsApi.ReferralDraft plain = Referrals.deVriesDraft(Participants.MUNICIPALITY.urn, PURPOSES);
        String referralId = network.staff(Participants.GP).referrals().create(new ReferralsApi.ReferralDraft(
                plain.citizen(), plain.contactPerson(), plain.consent(), plain.requestedSupport(),
                plain.problemAnalysis(), plain.urgency(), plain.contactPoint(), plain.addressee(),
                plain.legalFramework(), new ReferralsApi.CatalogueServiceReference(Participants.MUNICIPALITY.urn, service.objectId()))).id();
        assertThat(network.staff(Participants.GP).referrals().get(referralId).referral().catalogueService())
                .isEqualTo(new ReferralsApi.CatalogueServiceReference(Participants.MUNICIPALITY.urn, service.objectId()));

        JsonNode detail = chain.caseDetail(chain.awaitCase(referralId));
        JsonNode named = detail.path("referral").path("content").path("catalogueService");
        assertThat(named.path("owner").asString()).isEqualTo(Participants.MUNICIPALITY.urn);
        assertThat(named.path("objectType").asString()).isEqualTo("service");
        assertThat(named.path("objectId").asString()).isEqualTo(service.objectId());
        assertThat(detail.path("catalogueService").path("objectId").asString()).isEqualTo(service.objectId());
        assertThat(detail.path("catalogueService").path("name").asString()).isEqualTo("Hulpmiddelen mobiliteit");

        // a referral that names none is taken in as before, its case showing no service
        String without = chain.referToMunicipality();
        assertThat(chain.caseDetail(chain.awaitCase(without)).path("catalogueService").path("objectId").isMissingNode())
                .isTrue();
    }

    @Test
    void aReferralNamingAnUnknownANotYetOfferedOrAnotherMunicipalitysServiceIsRefusedAndNothingIsWritten() {
        CatalogueApi.Service offered = publish("Woningaanpassing", "WMO_PRODUCT", today().minusDays(1));
        CatalogueApi.Service later = publish("Maaltijdvoorziening", "GENERAL_PROVISION", today().plusDays(7));
        awaitVersion(Participants.GP, offered.objectId(), 1);
        awaitVersion(Participants.GP, later.objectId(), 1);
        long referrals = network.gp.getBean(ReferralRepository.class).count();
        int outbox = network.gp.getBean(OutboxRepository.class).findAll().size();

        assertProblem(refer(Participants.MUNICIPALITY.urn, Participants.MUNICIPALITY.urn, UUID.randomUUID().toString()),
                400, "catalogueService.serviceId");
        assertProblem(refer(Participants.MUNICIPALITY.urn, Participants.MUNICIPALITY.urn, later.objectId()), 400,
                "catalogueService.serviceId");
        // Kampen is referred to, but the service is Zwolle's
        assertProblem(refer(Participants.OTHER_MUNICIPALITY.urn, Participants.MUNICIPALITY.urn, offered.objectId()), 400,
                "catalogueService.owner");

        assertThat(network.gp.getBean(ReferralRepository.class).count()).isEqualTo(referrals);
        assertThat(network.gp.getBean(OutboxRepository.class).findAll()).hasSize(outbox);
    }

    private HttpResponse<String> refer(String addressee, String serviceOwner, String serviceId) {
        Map<String, Object> referral = new HashMap<>(Referrals.deVries(addressee, PURPOSES));
        referral.put("catalogueService", Map.of("owner", serviceOwner, "serviceId", serviceId));
        return network.staffPost(Participants.GP, "/api/v1/referrals", TestNetwork.JSON.writeValueAsString(referral));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"" + field + "\"");
    }

    private CatalogueApi.Service publish(String name, String kind, LocalDate from) {
        return catalogue(Participants.MUNICIPALITY).publish(new CatalogueApi.ServiceForm(name, kind, null,
                List.of(Participants.PROVIDER.urn), 6, from, null));
    }

    private static Map<String, Object> form(String name, String kind, LocalDate from, List<String> providers) {
        return Map.of("name", name, "kind", kind, "providers", providers, "effectiveFrom", from.toString());
    }

    /** The service as {@code node}'s directory shows it once it holds {@code version}, offered today or not. */
    private CatalogueApi.Service awaitVersion(Participants node, String serviceId, int version) {
        return await().atMost(Chain.PATIENCE).until(() -> catalogue(node).list(null, null, true).stream()
                .filter(s -> s.objectId().equals(serviceId) && s.version() == version).findFirst().orElse(null),
                s -> s != null);
    }

    private CatalogueApi catalogue(Participants node) {
        return network.staff(node).catalogue();
    }

    /** The day the nodes count as today: the network's, in the Netherlands. */
    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }
}
