package nl.bronsein.runtime.history;

import nl.bronsein.runtime.notification.HistoryPage;

import nl.bronsein.runtime.subscription.SourcePositions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import nl.bronsein.runtime.worker.PeriodicWorker;
import nl.bronsein.runtime.notification.MalformedNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.PullUnavailableException;
import nl.bronsein.runtime.subscription.NotificationReception;
import nl.bronsein.runtime.subscription.SubscriptionProperties;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * Fetches missed notifications from their source. A source whose sequence shows a gap for longer than the grace, and
 * every followed source at start-up and then every {@code interval}, is asked for its history after the last number
 * accounted for; what comes back passes the same reception as records from a topic (so duplicates are ignored) and the
 * position moves to where the source looked. A source that cannot be reached is asked again later, with back-off.
 * <p>
 * A gap that the source's history, read to its end, does not confirm — a record claimed a number the source never
 * reached — is asked about again with back-off, and after {@code unconfirmed-gap-tries} it is settled: reported (a
 * warning and the {@code bronsein.catch-up.gaps.unconfirmed} counter) and the position goes back to what the source
 * confirmed. One forged record with sequence 10^12 once made every subscriber ask its source once a second for good,
 * surviving restarts; the tries and the next try are kept in the table for that reason.
 */
public class CatchUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private final PullClient pull;
    private final NotificationReception reception;
    private final SourcePositions positions;
    private final SubscriptionProperties subscriptions;
    private final CatchUpProperties properties;
    private final Clock clock;
    private final RuntimeMetrics metrics;
    private final PeriodicWorker worker;
    private final List<Participant> followedSources;
    /** This node's inbox topic: what a source's history serves was addressed there. */
    private final String inbox;
    /** Per unreachable source, when to try again and the current back-off; rebuilt after a restart, which is fine. */
    private final Map<String, Retry> retries = new HashMap<>();

    public CatchUp(PullClient pull, NotificationReception reception, SourcePositions positions,
                   ParticipantList participants, SubscriptionProperties subscriptions, NodeIdentity identity,
                   CatchUpProperties properties, Clock clock, RuntimeMetrics metrics) {
        this.pull = pull;
        this.reception = reception;
        this.positions = positions;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.worker = new PeriodicWorker("catch-up", properties.checkInterval(), this::catchUp);
        // the participant list and the subscriptions are fixed for the node's life: work out once whom to ask
        this.followedSources = followedSources(participants, subscriptions, identity);
        this.inbox = NotificationTopics.inbox(identity.role().name(), identity.id().urn());
    }

    /** Checks every followed source once; fetches from those with a standing gap or due for a catch-up. */
    public void catchUp() {
        try {
            catchUpOnce();
        } catch (RuntimeException e) {
            // e.g. the database briefly away: the next round tries again; an escaping exception would end the schedule
            log.warn("Catching up failed this round: {}", e.getClass().getSimpleName());
        }
    }

    private void catchUpOnce() {
        Instant now = clock.instant();
        for (Participant source : followedSources) {
            String urn = source.id().urn();
            Retry retry = retries.get(urn);
            if (retry != null && retry.notBefore().isAfter(now)) {
                continue;
            }
            Optional<SourcePositions.Position> position = positions.find(urn);
            boolean gap = position.filter(SourcePositions.Position::hasGap)
                    .filter(p -> !p.gapSeenAt().isAfter(now.minus(properties.grace())))
                    .filter(p -> p.gapRetryAt() == null || !p.gapRetryAt().isAfter(now)).isPresent();
            boolean due = position.map(SourcePositions.Position::caughtUpAt)
                    .map(at -> !at.isAfter(now.minus(properties.interval()))).orElse(true);
            if ((gap || due) && fetch(source, position.map(SourcePositions.Position::confirmedThrough).orElse(0L), now)
                    && gap) {
                judgeGap(urn, now);
            }
        }
    }

    /** @return whether the source's history was read to its end */
    private boolean fetch(Participant source, long after, Instant now) {
        String urn = source.id().urn();
        try {
            long position = after;
            HistoryPage page;
            do {
                page = pull.history(source, position, properties.batchSize(), inbox);
                int taken = 0;
                for (Notification notification : page.notifications()) {
                    try {
                        taken += reception.acceptFromSource(notification) ? 1 : 0;
                    } catch (MalformedNotificationException e) {
                        // by its sequence number: its id may be the very attribute refused (300 characters of anything)
                        log.warn("History entry with sequence {} of {} refused: {}", notification.sequence(), urn,
                                e.getMessage());
                    }
                }
                positions.confirm(urn, page.nextAfterSequence());
                if (taken > 0) {
                    log.info("Caught up on {} notification(s) of {} after sequence {}", taken, urn, position);
                }
                position = page.nextAfterSequence();
            } while (page.more());
            retries.remove(urn);
            return true;
        } catch (PullUnavailableException | PullRefusedException e) {
            Duration previous = retries.containsKey(urn) ? retries.get(urn).backOff() : properties.checkInterval();
            Duration doubled = previous.multipliedBy(2);
            Duration backOff = doubled.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : doubled;
            retries.put(urn, new Retry(now.plus(backOff), backOff));
            log.info("Catching up with {} postponed by {}: {}", urn, backOff, e.getMessage());
            return false;
        }
    }

    /**
     * After the source's history was read to its end for a standing gap: a gap still there is one the source did not
     * confirm. (A record that arrives between the read and this check only opens a gap the next try finds filled.)
     */
    private void judgeGap(String urn, Instant now) {
        Optional<SourcePositions.Position> still = positions.find(urn).filter(SourcePositions.Position::hasGap);
        if (still.isEmpty()) {
            return;
        }
        SourcePositions.Position position = still.get();
        int tries = position.gapTries() + 1;
        if (tries < properties.unconfirmedGapTries()) {
            Duration backOff = properties.checkInterval().multipliedBy(1L << Math.min(tries, 20));
            backOff = backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
            positions.gapUnconfirmed(urn, tries, now.plus(backOff));
            log.info("The history of {} does not reach sequence {} (confirmed through {}); asking again in {}", urn,
                    position.highestSeen(), position.confirmedThrough(), backOff);
        } else if (positions.settleUnconfirmedGap(urn, position.highestSeen())) {
            metrics.gapUnconfirmed(urn);
            log.warn("Gave up the gap in the sequence of {} after {} tries: a record claimed sequence {}, its history"
                    + " ends at {}; the position stays at what the source confirmed", urn, tries,
                    position.highestSeen(), position.confirmedThrough());
        }
    }

    /**
     * The listed participants that may address this node (by role, {@link NotificationTopics#addressableRoles}) and
     * that some subscription of this node follows for an addressed object type, except this node itself. Generic
     * notifications are not in any history: their compacted topic keeps the latest of every object.
     */
    private static List<Participant> followedSources(ParticipantList participants, SubscriptionProperties subscriptions,
                                                     NodeIdentity identity) {
        return participants.all().stream()
                .filter(p -> !p.id().equals(identity.id()))
                .filter(p -> NotificationTopics.addressableRoles(p.role().name()).contains(identity.role().name()))
                .filter(p -> subscriptions.subscriptions().stream().anyMatch(s -> s.objectTypes().stream()
                        .map(code -> SharedObjectType.fromCode(code).orElseThrow())
                        .anyMatch(t -> !t.generic() && s.covers(t, p))))
                .toList();
    }

    private record Retry(Instant notBefore, Duration backOff) {
    }

    @Override
    public void start() {
        if (properties.enabled() && !subscriptions.subscriptions().isEmpty()) {
            worker.start();
        }
    }

    @Override
    public void stop() {
        worker.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
