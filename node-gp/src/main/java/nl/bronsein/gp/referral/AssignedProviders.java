package nl.bronsein.gp.referral;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseAssignmentView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The providers a referral admits for care delivery. The municipality decides who delivers the care; the practice
 * owns the referral and shares it only with whom it can verify: a provider presents the case it was assigned, and the
 * practice asks the municipality the referral was addressed to — the case's owner — whether that case rests on this
 * referral and is assigned to that provider now ({@code assignment-verification}). No grant that could outlive a
 * reassignment: the practice asks again at every pull, and a provider the municipality no longer names is dropped.
 */
@Component
public class AssignedProviders {

    static final String VERIFICATION_PURPOSE = "assignment-verification";

    private static final Logger log = LoggerFactory.getLogger(AssignedProviders.class);

    private final JdbcClient jdbc;
    private final PullClient pull;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    public AssignedProviders(JdbcClient jdbc, PullClient pull, ParticipantList participants, NodeIdentity identity,
                             Clock clock) {
        this.jdbc = jdbc;
        this.pull = pull;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    /** The providers admitted to the referral. */
    public Set<ParticipantId> of(UUID referralId) {
        return jdbc.sql("select provider from assigned_provider where referral_id = :id").param("id", referralId)
                .query(String.class).list().stream().map(ParticipantId::of).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks at the municipality that the case the caller presents — or, when it presents none, the case it was admitted
     * on — rests on this referral and is assigned to the caller now; records the caller as admitted if so, drops an
     * admission the municipality no longer confirms. A withdrawn referral or consent is not checked: a provider that
     * held it learns the withdrawal from the policy, and nobody new is admitted.
     *
     * @throws nl.bronsein.runtime.pull.PullUnavailableException when the municipality cannot be asked now
     */
    void verify(Referral referral, Participant caller, Optional<URI> presented) {
        if (caller.role() != ParticipantRole.PROVIDER || referral.status() == ReferralStatus.WITHDRAWN
                || referral.consent().status() != ConsentStatus.GIVEN) {
            return;
        }
        Optional<Participant> municipality = participants.find(referral.addressee())
                .filter(p -> p.role() == ParticipantRole.MUNICIPALITY);
        if (municipality.isEmpty()) {
            return;
        }
        Optional<UUID> caseId = presented.flatMap(basis -> municipality.get().objectAt(SharedObjectType.CASE.code(), basis))
                .or(() -> admittedOn(referral.id(), caller, municipality.get()));
        if (caseId.isEmpty()) {
            // no case of the municipality this referral went to: nothing to verify, nothing admitted or dropped
            log.debug("A provider's pull of referral {} rests on no case of its addressee", referral.id());
            return;
        }
        ObjectReferenceView expected = new ObjectReferenceView(identity.id().urn(), SharedObjectType.REFERRAL.code(),
                referral.id().toString());
        boolean assigned;
        try {
            CaseAssignmentView answer = pull.pull(municipality.get(), SharedObjectType.CASE.code(),
                    caseId.get().toString(), VERIFICATION_PURPOSE, CaseAssignmentView.class);
            assigned = caseId.get().toString().equals(answer.objectId()) && municipality.get().id().urn().equals(answer.owner())
                    && expected.equals(answer.referral()) && caller.id().urn().equals(answer.assignedProvider());
        } catch (PullRefusedException refused) {
            assigned = false;
        }
        if (assigned) {
            admit(referral.id(), caller, municipality.get(), caseId.get());
        } else {
            drop(referral.id(), caller);
        }
    }

    /** The case the provider was admitted on, if it was, at the municipality the referral went to. */
    private Optional<UUID> admittedOn(UUID referralId, Participant provider, Participant municipality) {
        return jdbc.sql("""
                select basis_id from assigned_provider where referral_id = :referral and provider = :provider
                    and basis_owner = :owner""")
                .param("referral", referralId).param("provider", provider.id().urn())
                .param("owner", municipality.id().urn()).query(String.class).optional().flatMap(ObjectIds::parse);
    }


    private void admit(UUID referralId, Participant provider, Participant municipality, UUID caseId) {
        if (of(referralId).contains(provider.id())) {
            return;
        }
        try {
            jdbc.sql("""
                    insert into assigned_provider (referral_id, provider, basis_owner, basis_id, admitted_at)
                    values (:referral, :provider, :owner, :basis, :at)""")
                    .param("referral", referralId).param("provider", provider.id().urn())
                    .param("owner", municipality.id().urn()).param("basis", caseId.toString())
                    .param("at", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // admitted by a concurrent pull of the same provider
        }
    }

    private void drop(UUID referralId, Participant provider) {
        jdbc.sql("delete from assigned_provider where referral_id = :referral and provider = :provider")
                .param("referral", referralId).param("provider", provider.id().urn()).update();
    }
}
