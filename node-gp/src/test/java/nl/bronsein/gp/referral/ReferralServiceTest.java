package nl.bronsein.gp.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.consent.ConsentGiver;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.question.AnswerSource;
import nl.bronsein.gp.question.Answers;
import nl.bronsein.runtime.NodeServiceSliceTest;
import nl.bronsein.runtime.OutboxRows;
import nl.bronsein.runtime.SliceNetwork;
import nl.bronsein.runtime.catalogue.ServiceCatalogue;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.outbox.OutboxEntry;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ConsentGiverRole;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.LegalFramework;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralStatus;
import nl.bronsein.schemas.view.ServiceKind;

/**
 * Referrals at the source with their real transactions and outbox, on the GP's migrations and pull policy: every change
 * commits with one notification to the addressee, or nothing commits; a refused change leaves no trace.
 */
@NodeServiceSliceTest(classes = {ReferralService.class, ReferralRepository.class, ConsentRepository.class,
        ReferralSource.class, AssignedProviders.class, RequestingMunicipalities.class, AnswerSource.class, Answers.class}, properties = {"spring.config.name=gp-node",
        "bronsein.node.participant-id=" + SliceNetwork.GP})
class ReferralServiceTest {

    private static final Instant GIVEN_AT = Instant.parse("2026-03-02T09:00:00Z");

    private final ReferralService service;
    private final ReferralRepository referrals;
    private final ConsentRepository consents;
    private final OutboxRows outbox;
    private final AssignedProviders providers;
    private final RequestingMunicipalities municipalities;
    private final PulledCopies copies;
    private final ServiceCatalogue catalogue;
    private final NodeIdentity identity;

    @Autowired
    ReferralServiceTest(ReferralService service, ReferralRepository referrals, ConsentRepository consents,
                        OutboxRows outbox, AssignedProviders providers, RequestingMunicipalities municipalities,
                        PulledCopies copies, ServiceCatalogue catalogue, NodeIdentity identity) {
        this.municipalities = municipalities;
        this.service = service;
        this.referrals = referrals;
        this.consents = consents;
        this.outbox = outbox;
        this.providers = providers;
        this.copies = copies;
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @Test
    void aRecordedReferralCommitsWithItsConsentAndOneNotificationToTheAddressee() {
        long mark = outbox.mark();

        Referral recorded = service.record(draft(SliceNetwork.MUNICIPALITY, "intake"));

        assertThat(referrals.find(recorded.id())).contains(recorded);
        assertThat(consents.find(recorded.consent().id())).contains(recorded.consent());
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, recorded, "recorded"));
    }

    @Test
    void aReferralToAProviderIsNotifiedToThatProvider() {
        long mark = outbox.mark();

        Referral recorded = service.record(draft(SliceNetwork.PROVIDER, "intake"));

        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, recorded, "recorded"));
    }

    @Test
    void eachChangeCommitsWithOneNotificationOfItsKind() {
        UUID id = service.record(draft(SliceNetwork.MUNICIPALITY, "intake", "referral-feedback")).id();

        Referral corrected = changeWithOneNotification(i -> service.correct(i, new ReferralCorrection(
                citizen(), "begeleiding en dagbesteding", "eenzaam sinds verhuizing", Urgency.URGENT, contactPoint())),
                id, "corrected");
        Referral changed = changeWithOneNotification(i -> service.changeContactPerson(i,
                new ReferralDraft.ContactPerson("A. de Vries", "dochter", "0612345678")), id, "contact-person-changed");
        Referral withdrawn = changeWithOneNotification(service::withdraw, id, "withdrawn");
        // a holder must hear of a withdrawn consent even after the referral itself was withdrawn
        Referral consentWithdrawn = changeWithOneNotification(service::withdrawConsent, id, "consent-withdrawn");

        assertThat(corrected.status()).isEqualTo(ReferralStatus.CORRECTED);
        assertThat(corrected.content().urgency()).isEqualTo(Urgency.URGENT);
        assertThat(changed.content().contactPerson().name()).isEqualTo("A. de Vries");
        assertThat(withdrawn.status()).isEqualTo(ReferralStatus.WITHDRAWN);
        assertThat(consentWithdrawn.consent().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(consents.find(consentWithdrawn.consent().id()).orElseThrow().status())
                .isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void aReferralTheNetworkCannotTakeIsRefusedAndNothingIsWritten() {
        long referralsBefore = referrals.count();
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.record(draft("urn:nld:oin:00000001555555550000", "referral-feedback")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("addressee", "consent.purposes"));
        // a GP practice is listed, but is no addressee of a referral
        assertThatThrownBy(() -> service.record(draft(SliceNetwork.GP, "intake")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("addressee"));

        assertThat(referrals.count()).isEqualTo(referralsBefore);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aReferralMayNameAServiceTheAddresseeOffersTodayAndItsIntakeViewCarriesIt() {
        LocalDate today = catalogue.today();
        String named = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(30), null);

        Referral recorded = recordNaming(named);

        assertNames(recorded, named);
        // a correction keeps the service the referral was recorded for
        Referral corrected = service.correct(recorded.id(), new ReferralCorrection(citizen(), "begeleiding", "eenzaam",
                Urgency.URGENT, contactPoint()));
        assertThat(corrected.content().catalogueService()).isEqualTo(recorded.content().catalogueService());
    }

    @Test
    void aNamedServiceThatIsUnknownNotOfferedTodayOrAnotherMunicipalitysIsRefusedAndNothingIsWritten() {
        LocalDate today = catalogue.today();
        String retired = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(60), today.minusDays(2));
        String later = pulledService(SliceNetwork.MUNICIPALITY, today.plusDays(2), null);
        String elsewhere = pulledService(SliceNetwork.OTHER_MUNICIPALITY, today.minusDays(30), null);
        ReferralDraft draft = draft(SliceNetwork.MUNICIPALITY, "intake");
        long referralsBefore = referrals.count();
        long mark = outbox.mark();

        refusedOn(naming(draft, SliceNetwork.MUNICIPALITY, UUID.randomUUID().toString()), "catalogueService.serviceId");
        refusedOn(naming(draft, SliceNetwork.MUNICIPALITY, retired), "catalogueService.serviceId");
        refusedOn(naming(draft, SliceNetwork.MUNICIPALITY, later), "catalogueService.serviceId");
        refusedOn(naming(draft, SliceNetwork.OTHER_MUNICIPALITY, elsewhere), "catalogueService.owner");
        // the other municipality's service under the addressee's name is no service of the addressee
        refusedOn(naming(draft, SliceNetwork.MUNICIPALITY, elsewhere), "catalogueService.serviceId");

        assertThat(referrals.count()).isEqualTo(referralsBefore);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aCorrectionMayNameAnotherServiceCheckedAsWhenRecordedAndARefusedOneWritesNothing() {
        LocalDate today = catalogue.today();
        String first = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(30), null);
        String other = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(30), null);
        String retired = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(60), today.minusDays(2));
        String elsewhere = pulledService(SliceNetwork.OTHER_MUNICIPALITY, today.minusDays(30), null);
        Referral recorded = recordNaming(first);
        long mark = outbox.mark();

        correctionRefusedOn(recorded, SliceNetwork.MUNICIPALITY, UUID.randomUUID().toString(), "catalogueService.serviceId");
        correctionRefusedOn(recorded, SliceNetwork.MUNICIPALITY, retired, "catalogueService.serviceId");
        correctionRefusedOn(recorded, SliceNetwork.OTHER_MUNICIPALITY, elsewhere, "catalogueService.owner");
        assertThat(referrals.find(recorded.id()).orElseThrow().version()).isEqualTo(recorded.version());
        assertThat(outbox.since(mark)).isEmpty();

        Referral corrected = service.correct(recorded.id(), correctionNaming(SliceNetwork.MUNICIPALITY, other));

        assertNames(corrected, other);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, corrected, "corrected"));
    }

    @Test
    void aCorrectionThatNamesTheServiceItWasRecordedForIsAcceptedAfterTheServiceWasRetired() {
        LocalDate today = catalogue.today();
        String named = pulledService(SliceNetwork.MUNICIPALITY, today.minusDays(30), null);
        Referral recorded = recordNaming(named);
        keepService(SliceNetwork.MUNICIPALITY, named, 2, today.minusDays(30), today); // retired since

        Referral corrected = service.correct(recorded.id(), correctionNaming(SliceNetwork.MUNICIPALITY, named));

        assertThat(corrected.content().catalogueService()).isEqualTo(recorded.content().catalogueService());
    }

    private Referral recordNaming(String serviceId) {
        return service.record(naming(draft(SliceNetwork.MUNICIPALITY, "intake"), SliceNetwork.MUNICIPALITY, serviceId));
    }

    /** The referral, as stored and as its intake view travels, names the addressee's service. */
    private void assertNames(Referral referral, String serviceId) {
        assertThat(referral.content().catalogueService())
                .isEqualTo(new ReferralDraft.CatalogueServiceReference(SliceNetwork.MUNICIPALITY, serviceId));
        assertThat(referrals.find(referral.id()).orElseThrow().content().catalogueService())
                .isEqualTo(referral.content().catalogueService());
        assertThat(ReferralSource.intakeView(referral, identity).catalogueService())
                .isEqualTo(new ObjectReferenceView(SliceNetwork.MUNICIPALITY, "service", serviceId));
    }

    private void correctionRefusedOn(Referral referral, String owner, String serviceId, String field) {
        assertThatThrownBy(() -> service.correct(referral.id(), correctionNaming(owner, serviceId)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(field));
    }

    private static ReferralCorrection correctionNaming(String owner, String serviceId) {
        return new ReferralCorrection(citizen(), "begeleiding", "eenzaam", Urgency.URGENT, contactPoint(),
                new ReferralDraft.CatalogueServiceReference(owner, serviceId));
    }

    private void refusedOn(ReferralDraft draft, String field) {
        assertThatThrownBy(() -> service.record(draft)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(field));
    }

    @Test
    void aWithdrawnReferralRefusesEveryChangeButTheConsentsAndNothingIsWritten() {
        UUID id = service.record(draft(SliceNetwork.MUNICIPALITY, "intake")).id();
        Referral withdrawn = service.withdraw(id);
        long mark = outbox.mark();

        assertThatThrownBy(() -> service.withdraw(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.changeContactPerson(id, new ReferralDraft.ContactPerson("B. Bakker", null, null)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.correct(id, new ReferralCorrection(citizen(), "x", "y", Urgency.REGULAR,
                contactPoint()))).isInstanceOf(IllegalTransitionException.class);

        assertThat(referrals.find(id)).contains(withdrawn);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aReferralWhoseNotificationCannotBeWrittenIsNotRecorded() {
        long referralsBefore = referrals.count();
        long mark = outbox.mark();

        outbox.refusingNewRows(() -> assertThatThrownBy(() -> service.record(draft(SliceNetwork.MUNICIPALITY, "intake")))
                .isInstanceOf(DataIntegrityViolationException.class));

        assertThat(referrals.count()).isEqualTo(referralsBefore);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aConsentWithdrawalWhoseNotificationCannotBeWrittenLeavesTheConsentGiven() {
        Referral recorded = service.record(draft(SliceNetwork.MUNICIPALITY, "intake"));

        outbox.refusingNewRows(() -> assertThatThrownBy(() -> service.withdrawConsent(recorded.id()))
                .isInstanceOf(DataIntegrityViolationException.class));

        assertThat(referrals.find(recorded.id())).contains(recorded);
        assertThat(consents.find(recorded.consent().id()).orElseThrow().status()).isEqualTo(ConsentStatus.GIVEN);
    }

    @Test
    void aChildsReferralWithoutTheConsentItsAgeAsksForIsRefusedAndWritesNothing() {
        long mark = outbox.mark();
        long before = referrals.count();
        ReferralDraft onlyTheChild = youthDraft(LocalDate.now().minusYears(14), List.of(ConsentGiver.citizen()));

        assertThatThrownBy(() -> service.record(onlyTheChild)).isInstanceOfSatisfying(InvalidRequestException.class,
                refused -> assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly("consent.givenBy"));
        assertThat(referrals.count()).isEqualTo(before);
        assertThat(outbox.since(mark)).isEmpty();
    }

    @Test
    void aFourteenYearOldsYouthCareReferralKeepsItsLawAndWhoConsented() {
        List<ConsentGiver> childAndMother = List.of(ConsentGiver.citizen(),
                new ConsentGiver(ConsentGiverRole.PARENT_WITH_AUTHORITY, "M. de Boer"));

        Referral recorded = service.record(youthDraft(LocalDate.now().minusYears(14), childAndMother));

        Referral read = referrals.find(recorded.id()).orElseThrow();
        assertThat(read.content().legalFramework()).isEqualTo(LegalFramework.JEUGDWET);
        assertThat(read.consent().givenBy()).isEqualTo(childAndMother);
        assertThat(consents.find(recorded.consent().id()).orElseThrow().givenBy()).isEqualTo(childAndMother);
    }

    @Test
    void aReferralWithoutItsLawIsAWmoReferralAsBefore() {
        Referral recorded = service.record(draft(SliceNetwork.MUNICIPALITY, "intake"));

        assertThat(referrals.find(recorded.id()).orElseThrow().content().legalFramework()).isEqualTo(LegalFramework.WMO);
        assertThat(recorded.consent().givenBy()).containsExactly(ConsentGiver.citizen());
    }

    /**
     * The age rules hold on every pull, not only when recorded: the parents' consent for an eleven-year-old no longer
     * carries a pull once the child is twelve and has not consented too.
     */
    @Test
    void aPullIsNoLongerCoveredOnceTheChildIsOldEnoughToHaveToConsentItself() {
        List<ConsentGiver> parents = List.of(new ConsentGiver(ConsentGiverRole.PARENT_WITH_AUTHORITY, "M. de Boer"));
        Referral recorded = service.record(youthDraft(LocalDate.now().minusYears(12).plusMonths(1), parents));
        ReferralSource now = new ReferralSource(referrals, providers, municipalities, identity, Clock.systemUTC());
        ReferralSource inTwoMonths = new ReferralSource(referrals, providers, municipalities, identity,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(61)));

        assertThat(now.find(recorded.id()).orElseThrow().consentCovers("intake")).isTrue();
        assertThat(inTwoMonths.find(recorded.id()).orElseThrow().consentCovers("intake")).isFalse();
    }

    /** A corrected birth date that makes an adult's referral a child's asks for the parents' consent, which is not there. */
    @Test
    void aCorrectionThatMakesTheCitizenAChildWithoutTheirParentsConsentIsRefused() {
        Referral recorded = service.record(draft(SliceNetwork.MUNICIPALITY, "intake"));
        long mark = outbox.mark();
        ReferralDraft.Citizen child = new ReferralDraft.Citizen("999993653", "J. Jansen", LocalDate.now().minusYears(9),
                citizen().address(), null);

        assertThatThrownBy(() -> service.correct(recorded.id(), new ReferralCorrection(child, "begeleiding", "eenzaam",
                Urgency.REGULAR, contactPoint()))).isInstanceOfSatisfying(InvalidRequestException.class,
                refused -> assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly("citizen.birthDate"));
        assertThat(referrals.find(recorded.id())).contains(recorded);
        assertThat(outbox.since(mark)).isEmpty();
    }

    /** Runs a change; it must commit the next version and exactly one notification of it, of its kind. */
    private Referral changeWithOneNotification(Function<UUID, Referral> change, UUID id, String kind) {
        int before = referrals.find(id).orElseThrow().version();
        long mark = outbox.mark();

        Referral changed = change.apply(id);

        assertThat(changed.version()).isEqualTo(before + 1);
        assertThat(referrals.find(id)).contains(changed);
        assertThat(outbox.since(mark)).singleElement().satisfies(row -> isAbout(row, changed, kind));
        return changed;
    }

    private void isAbout(OutboxEntry row, Referral referral, String kind) {
        outbox.assertNotifies(row, referral.addressee(), SharedObjectType.REFERRAL, kind, referral.id(), referral.version());
    }

    private static ReferralDraft draft(String addressee, String... purposes) {
        return new ReferralDraft(citizen(), new ReferralDraft.ContactPerson("A. Jansen", "partner", "0612345678"),
                new ReferralDraft.Consent(GIVEN_AT, ConsentForm.ORAL, null, List.of(purposes)), "begeleiding",
                "eenzaam", Urgency.REGULAR, contactPoint(), addressee, null, null);
    }

    private static ReferralDraft naming(ReferralDraft draft, String owner, String serviceId) {
        return new ReferralDraft(draft.citizen(), draft.contactPerson(), draft.consent(), draft.requestedSupport(),
                draft.problemAnalysis(), draft.urgency(), draft.contactPoint(), draft.addressee(),
                draft.legalFramework(), new ReferralDraft.CatalogueServiceReference(owner, serviceId));
    }

    /** A municipality's service as this practice pulled it into its directory. */
    private String pulledService(String municipality, LocalDate from, LocalDate until) {
        String id = UUID.randomUUID().toString();
        keepService(municipality, id, 1, from, until);
        return id;
    }

    /** A version of a municipality's service as this practice pulled it; a later one replaces the one kept. */
    private void keepService(String municipality, String id, int version, LocalDate from, LocalDate until) {
        copies.keep(new PulledCopy<>(municipality, SharedObjectType.SERVICE, id, version, "catalogue", GIVEN_AT,
                new CatalogueServiceView(id, version, municipality, "Begeleiding", ServiceKind.WMO_PRODUCT, null,
                        List.of(SliceNetwork.PROVIDER), 4, from, until), null, null));
    }

    private static ReferralDraft youthDraft(LocalDate birthDate, List<ConsentGiver> givenBy) {
        return new ReferralDraft(new ReferralDraft.Citizen("999993653", "S. de Boer", birthDate, citizen().address(), null),
                null, new ReferralDraft.Consent(Instant.now().minusSeconds(60), ConsentForm.ORAL, null, List.of("intake"),
                givenBy), "jeugdhulp", "somber, verzuimt school", Urgency.REGULAR, contactPoint(), SliceNetwork.PROVIDER,
                LegalFramework.JEUGDWET, null);
    }

    private static ReferralDraft.Citizen citizen() {
        return new ReferralDraft.Citizen("999993653", "J. Jansen", LocalDate.of(1944, 3, 12),
                new ReferralDraft.Address("Dorpsstraat", "1", "8011 AB", "Zwolle"), null);
    }

    private static ReferralDraft.ContactPoint contactPoint() {
        return new ReferralDraft.ContactPoint("Praktijkbalie", "038-1234567", null);
    }
}
