package nl.bronsein.gp.referral;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The referrals as the pull server offers them. Involved are the addressee (a municipality, or a provider referred to
 * directly), as {@code addressee}, and each provider the addressed municipality confirmed it assigned the referral's
 * case to ({@link AssignedProviders}), as {@code assigned-provider}, and for a youth referral to a provider each
 * municipality that provider confirmed it asked for an assignment ({@link RequestingMunicipalities}), as {@code
 * requesting-municipality}; the policy says what each may pull. Consent is the
 * referral's own record, and for a minor it covers a pull only while the people who gave it are those the citizen's age
 * asks for today ({@code ConsentByAge}); a withdrawn referral is not shared at all.
 */
@Component
public class ReferralSource implements SharedObjectSource {

    static final String INTAKE_VIEW = "intake";
    static final String CARE_DELIVERY_VIEW = "care-delivery";
    /** For practices whose policy lets the provider read the problem analysis too. */
    static final String CARE_DELIVERY_WITH_ANALYSIS_VIEW = "care-delivery-with-analysis";
    static final String ADDRESSEE = "addressee";
    static final String ASSIGNED_PROVIDER = "assigned-provider";
    static final String REQUESTING_MUNICIPALITY = "requesting-municipality";

    private final ReferralRepository referrals;
    private final AssignedProviders providers;
    private final RequestingMunicipalities municipalities;
    private final NodeIdentity identity;
    private final Clock clock;

    public ReferralSource(ReferralRepository referrals, AssignedProviders providers,
                          RequestingMunicipalities municipalities, NodeIdentity identity, Clock clock) {
        this.referrals = referrals;
        this.providers = providers;
        this.municipalities = municipalities;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public SharedObjectType objectType() {
        return SharedObjectType.REFERRAL;
    }

    @Override
    public Set<String> views() {
        return Set.of(INTAKE_VIEW, CARE_DELIVERY_VIEW, CARE_DELIVERY_WITH_ANALYSIS_VIEW);
    }

    @Override
    public Set<String> relations() {
        return Set.of(ADDRESSEE, ASSIGNED_PROVIDER, REQUESTING_MUNICIPALITY);
    }

    @Override
    public Optional<SharedObject> find(UUID objectId) {
        return referrals.find(objectId).map(r -> new SharedReferral(r, providers.of(r.id()), municipalities.of(r.id())));
    }

    @Override
    public void admit(UUID objectId, Participant caller, Optional<URI> basis) {
        referrals.find(objectId).ifPresent(referral -> {
            providers.verify(referral, caller, basis);
            municipalities.verify(referral, caller, basis);
        });
    }

    private final class SharedReferral implements SharedObject {

        private final Referral referral;
        private final Set<ParticipantId> assignedProviders;
        private final Set<ParticipantId> requestingMunicipalities;

        SharedReferral(Referral referral, Set<ParticipantId> assignedProviders,
                       Set<ParticipantId> requestingMunicipalities) {
            this.referral = referral;
            this.assignedProviders = assignedProviders;
            this.requestingMunicipalities = requestingMunicipalities;
        }

        @Override
        public Set<ParticipantId> involved() {
            Set<ParticipantId> involved = new HashSet<>(assignedProviders);
            involved.addAll(requestingMunicipalities);
            involved.add(ParticipantId.of(referral.addressee()));
            return Set.copyOf(involved);
        }

        @Override
        public Set<String> relationsOf(ParticipantId participant) {
            Set<String> relations = new HashSet<>();
            if (participant.equals(ParticipantId.of(referral.addressee()))) {
                relations.add(ADDRESSEE);
            }
            if (assignedProviders.contains(participant)) {
                relations.add(ASSIGNED_PROVIDER);
            }
            if (requestingMunicipalities.contains(participant)) {
                relations.add(REQUESTING_MUNICIPALITY);
            }
            return Set.copyOf(relations);
        }

        @Override
        public boolean withdrawn() {
            return referral.status() == ReferralStatus.WITHDRAWN;
        }

        @Override
        public boolean consentWithdrawn() {
            return referral.consent().status() == ConsentStatus.WITHDRAWN;
        }

        @Override
        public boolean consentCovers(String purpose) {
            return referral.consent().covers(purpose) && referral.consent()
                    .shortfall(referral.content().citizen().birthDate(), ReferralService.dayOf(clock.instant())).isEmpty();
        }

        @Override
        public Optional<String> dataSubject() {
            return Optional.of(referral.content().citizen().bsn());
        }

        @Override
        public Object view(String view, Participant caller) {
            return switch (view) {
                case INTAKE_VIEW -> intakeView(referral, identity);
                case CARE_DELIVERY_VIEW -> careDeliveryView(false);
                case CARE_DELIVERY_WITH_ANALYSIS_VIEW -> careDeliveryView(true);
                default -> throw new IllegalArgumentException("unknown view " + view);
            };
        }

        private ReferralCareDeliveryView careDeliveryView(boolean withAnalysis) {
            ReferralIntakeView intake = intakeView(referral, identity);
            return new ReferralCareDeliveryView(intake.objectId(), intake.version(), intake.owner(), intake.status(),
                    intake.recordedAt(), intake.citizen(), intake.contactPerson(), intake.consent(),
                    intake.requestedSupport(), withAnalysis ? intake.problemAnalysis() : null, intake.urgency(),
                    intake.contactPoint(), intake.legalFramework());
        }
    }

    static ReferralIntakeView intakeView(Referral referral, NodeIdentity identity) {
        ReferralDraft d = referral.content();
        ReferralDraft.ContactPerson person = d.contactPerson();
        return new ReferralIntakeView(referral.id().toString(), referral.version(), identity.id().urn(),
                referral.status(), referral.recordedAt(),
                new ReferralIntakeView.Citizen(d.citizen().bsn(), d.citizen().name(), d.citizen().birthDate(),
                        new ReferralIntakeView.Address(d.citizen().address().street(), d.citizen().address().houseNumber(),
                                d.citizen().address().postalCode(), d.citizen().address().city()),
                        d.citizen().phone()),
                person == null ? null : new ReferralIntakeView.ContactPerson(person.name(), person.relation(), person.phone()),
                new ReferralIntakeView.Consent(referral.consent().id().toString(), referral.consent().givenAt(),
                        referral.consent().form().name(), referral.consent().documentReference(),
                        referral.consent().purposes(), referral.consent().status(),
                        referral.consent().givenBy().stream()
                                .map(giver -> new ReferralIntakeView.Giver(giver.role(), giver.name())).toList()),
                d.requestedSupport(), d.problemAnalysis(), d.urgency().name(),
                new ContactPointView(d.contactPoint().name(), d.contactPoint().phone(), d.contactPoint().email()),
                d.addressee(), d.legalFramework(), d.catalogueService() == null ? null : new ObjectReferenceView(d.catalogueService().owner(),
                        SharedObjectType.SERVICE.code(), d.catalogueService().serviceId()));
    }
}
