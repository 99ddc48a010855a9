package nl.bronsein.runtime.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.Processing;
import nl.bronsein.runtime.domain.ObjectIds;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.PullUnavailableException;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ProcessingRecordsView;

/**
 * A citizen's access report (informatiepositie van de burger): this node's own log for the citizen, and for each of its
 * own objects about them, the log of every owner of a related object, pulled at that owner for purpose
 * {@value #PURPOSE} — nobody passes on another's log. An owner answers for its own objects only, and only to a
 * participant involved in them: the report tells the desk nothing of the citizen's dealings elsewhere that it had no
 * part in; for those the citizen asks that organisation (each controller answers for itself under the AVG).
 */
public class CitizenInsight {

    public static final String PURPOSE = Processing.CITIZEN_INSIGHT;

    private final AuditTrail log;
    private final PullClient pull;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final List<RelatedObjects> related;
    private final AccessWording wording = new AccessWording();

    CitizenInsight(AuditTrail log, PullClient pull, ParticipantList participants, NodeIdentity identity,
                   List<RelatedObjects> related) {
        this.log = log;
        this.pull = pull;
        this.participants = participants;
        this.identity = identity;
        this.related = related;
    }

    public CitizenAccessReport reportFor(String bsn) {
        // the report is itself a processing of the citizen's data: recorded first, or not made (fail closed)
        log.record(new Processing(Processing.CITIZEN_INSIGHT, StaffAudit.actor().orElse(identity.id().urn()), null,
                null, PURPOSE, AuditOutcome.ALLOWED, "citizen access report", null, Optional.of(bsn), null));
        String here = identity.participant().name();
        List<CitizenAccessReport.Access> accesses = new ArrayList<>();
        List<CitizenAccessReport.Source> sources = new ArrayList<>();
        for (AuditRecord r : log.accessesAbout(bsn)) {
            accesses.add(access(r.at(), r.caller(), r.objectType(), r.purpose(), r.outcome().name(), r.name(), here));
        }
        sources.add(new CitizenAccessReport.Source(here, true, null));
        for (ObjectReferenceView object : elsewhere(bsn)) {
            Optional<Participant> owner = participants.find(object.owner());
            if (owner.isEmpty()) {
                continue; // no longer in the network: there is nobody to ask
            }
            String name = owner.get().name();
            try {
                ProcessingRecordsView records = pull.pull(owner.get(), object.objectType(), object.objectId(), PURPOSE,
                        ProcessingRecordsView.class);
                for (ProcessingRecordsView.Access a : records.accesses()) {
                    accesses.add(access(a.at(), a.party(), object.objectType(), a.purpose(), a.outcome(), a.action(),
                            name));
                }
                sources.add(new CitizenAccessReport.Source(name, true, null));
            } catch (PullUnavailableException e) {
                sources.add(new CitizenAccessReport.Source(name, false, wording.unavailable()));
            } catch (PullRefusedException e) {
                sources.add(new CitizenAccessReport.Source(name, false, wording.refused()));
            }
        }
        accesses.sort(Comparator.comparing(CitizenAccessReport.Access::at));
        return new CitizenAccessReport(accesses, sources.stream().distinct().toList());
    }

    /** The objects at other owners related to this node's own objects about the citizen, each once. */
    private Set<ObjectReferenceView> elsewhere(String bsn) {
        Set<ObjectReferenceView> objects = new LinkedHashSet<>();
        for (AuditTrail.OwnObject own : log.ownObjectsAbout(bsn)) {
            Optional<UUID> id = ObjectIds.parse(own.objectId());
            id.ifPresent(uuid -> related.forEach(r -> r.heldElsewhere(own.objectType(), uuid).stream()
                    .filter(o -> !identity.id().urn().equals(o.owner()))
                    .forEach(objects::add)));
        }
        return objects;
    }

    private CitizenAccessReport.Access access(java.time.Instant at, String party, String objectType, String purpose,
                                              String outcome, String action, String recordedBy) {
        boolean staff = Processing.STAFF_READ.equals(action);
        String who = staff ? wording.staffOf(recordedBy)
                : participants.find(party).map(Participant::name).orElse(wording.unknownParty());
        return new CitizenAccessReport.Access(at, who, wording.data(objectType), staff ? null : wording.purpose(purpose),
                AuditOutcome.ALLOWED.name().equals(outcome), wording.outcome(outcome), recordedBy);
    }
}
