package nl.bronsein.gp.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.gp.consent.ConsentByAge;
import nl.bronsein.gp.consent.ConsentGiver;
import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.schemas.view.ConsentGiverRole;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.runtime.catalogue.ServiceCatalogue;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * Referrals at the source: every change — recorded, corrected, contact person changed, withdrawn, consent withdrawn —
 * commits together with its notification or not at all, and illegal changes leave nothing behind.
 */
@Service
public class ReferralService {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** The transfer a referral is for; the consent must cover it. */
    static final String INTAKE = "intake";

    /** A referral goes to a municipality (Wmo) or directly to a provider (e.g. a welfare coach, algemene voorziening). */
    private static final Set<ParticipantRole> ADDRESSEES = Set.of(ParticipantRole.MUNICIPALITY, ParticipantRole.PROVIDER);

    private final ReferralRepository referrals;
    private final ConsentRepository consents;
    private final Outbox outbox;
    private final ParticipantList participants;
    private final ServiceCatalogue catalogue;
    private final NodeIdentity identity;
    private final Clock clock;

    public ReferralService(ReferralRepository referrals, ConsentRepository consents, Outbox outbox,
                           ParticipantList participants, ServiceCatalogue catalogue, NodeIdentity identity, Clock clock) {
        this.referrals = referrals;
        this.consents = consents;
        this.outbox = outbox;
        this.participants = participants;
        this.catalogue = catalogue;
        this.identity = identity;
        this.clock = clock;
    }

    @Transactional
    public Referral record(ReferralDraft draft) {
        checkAgainstTheNetwork(draft);
        Instant now = now();
        ConsentRecord consent = new ConsentRecord(UUID.randomUUID(), draft.consent().givenAt(), draft.consent().form(),
                draft.consent().documentReference(), draft.consent().purposes().stream().distinct().toList(),
                draft.consent().givenBy(), ConsentStatus.GIVEN, null);
        Referral referral = new Referral(UUID.randomUUID(), 1, ReferralStatus.RECORDED, now, draft, consent, null);
        consents.insert(consent, now);
        referrals.insert(referral);
        notifyChange(referral, ReferralChange.RECORDED, now);
        return referral;
    }

    @Transactional
    public Referral correct(UUID id, ReferralCorrection correction) {
        Referral current = find(id);
        Referral corrected = current.correct(correction);
        // a corrected birth date may make the citizen a minor whose consent asks for more than was given
        checkConsentAge(corrected.consent(), correction.citizen().birthDate(), "citizen.birthDate");
        // only another service is checked: the one recorded was offered then, and a correction of the citizen's name
        // must not fail because the municipality has since retired it
        ReferralDraft.CatalogueServiceReference named = correction.catalogueService();
        if (named != null && !named.equals(current.content().catalogueService())) {
            checkCatalogueService(named, current.addressee()).ifPresent(problem -> {
                throw new InvalidRequestException(List.of(problem));
            });
        }
        return save(current, corrected, ReferralChange.CORRECTED);
    }

    /** The client's contact person (informal carer) changed: every node that holds the referral hears of it. */
    @Transactional
    public Referral changeContactPerson(UUID id, ReferralDraft.ContactPerson person) {
        Referral current = find(id);
        return save(current, current.withContactPerson(person), ReferralChange.CONTACT_PERSON_CHANGED);
    }

    @Transactional
    public Referral withdraw(UUID id) {
        Referral current = find(id);
        return save(current, current.withdraw(now()), ReferralChange.WITHDRAWN);
    }

    /** The citizen withdrew consent: from now on the referral is not shared, and every holder is told. */
    @Transactional
    public Referral withdrawConsent(UUID id) {
        Referral current = find(id);
        ConsentRecord withdrawn = current.consent().withdraw(now());
        consents.markWithdrawn(withdrawn);
        return save(current, current.consentWithdrawn(withdrawn), ReferralChange.CONSENT_WITHDRAWN);
    }

    private Referral find(UUID id) {
        return referrals.find(id).orElseThrow(() -> new NotFoundException("no such referral"));
    }

    private Referral save(Referral current, Referral next, ReferralChange change) {
        Instant now = now();
        if (!referrals.update(next, current.version(), now)) {
            throw new ConcurrentChangeException("referral");
        }
        notifyChange(next, change, now);
        return next;
    }

    private void notifyChange(Referral referral, ReferralChange change, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.REFERRAL, referral.id().toString(), change.kind(),
                referral.version(), at));
    }

    private void checkAgainstTheNetwork(ReferralDraft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean listedAddressee = participants.find(draft.addressee())
                .map(Participant::role).filter(ADDRESSEES::contains).isPresent();
        if (!listedAddressee) {
            problems.add(new FieldProblem("addressee", "is not a municipality or provider in the participant list"));
        }
        if (!draft.consent().purposes().contains(INTAKE)) {
            problems.add(new FieldProblem("consent.purposes", "must include intake: the referral is a transfer for intake"));
        }
        // lawful when given, and still enough today (a child may have turned 12 or 16 since)
        List<ConsentGiverRole> givers = draft.consent().givenBy().stream().map(ConsentGiver::role).toList();
        ConsentByAge.shortfall(draft.citizen().birthDate(), givers, dayOf(draft.consent().givenAt()))
                .or(() -> ConsentByAge.shortfall(draft.citizen().birthDate(), givers, dayOf(now())))
                .ifPresent(missing -> problems.add(new FieldProblem("consent.givenBy", missing)));
        if (draft.catalogueService() != null) {
            checkCatalogueService(draft.catalogueService(), draft.addressee()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private void checkConsentAge(ConsentRecord consent, LocalDate birthDate, String field) {
        consent.shortfall(birthDate, dayOf(now())).ifPresent(missing -> {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "the consent recorded does not do: " + missing)));
        });
    }

    /** Ages count in the Netherlands' days: a child is twelve from the start of its birthday there. */
    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, AMSTERDAM);
    }

    /**
     * A named service must be one the addressed municipality offers today, as this practice's directory of the
     * catalogues knows it: the municipality takes the referral in for that service, so a service of another
     * municipality, one it retired or one it does not offer yet would send the citizen to the wrong desk.
     */
    private Optional<FieldProblem> checkCatalogueService(ReferralDraft.CatalogueServiceReference named, String addressee) {
        if (!named.owner().equals(addressee)) {
            return Optional.of(new FieldProblem("catalogueService.owner",
                    "must be the addressee: a referral names a service of the municipality it goes to"));
        }
        Optional<CatalogueServiceView> service = catalogue.find(named.owner(), named.serviceId());
        if (service.isEmpty()) {
            return Optional.of(new FieldProblem("catalogueService.serviceId",
                    "is not a service in the addressee's catalogue"));
        }
        if (!service.get().effectiveOn(catalogue.today())) {
            return Optional.of(new FieldProblem("catalogueService.serviceId", "is not offered today"));
        }
        return Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
