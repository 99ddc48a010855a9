package nl.bronsein.benchmark;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.http.ResponseEntity;

import nl.bronsein.staffclient.ReferralsApi.ReferralDraft;
import nl.bronsein.staffclient.StaffClient;

/**
 * The GP's staff API as the practice's HIS calls it, through the staff client: one {@code POST /api/v1/referrals} is
 * one change — the referral, its consent record and its outbox row committed in one transaction before the 201 comes
 * back. What is timed ends when the client has the answer's status and {@code Location}; its body is not read.
 */
final class StaffApi {

    /** A committed change: the referral's id, and when the client had the answer that it was committed. */
    record Recorded(String id, Instant committedBy) {
    }

    private final StaffClient client;
    private final ReferralDraft draft;
    /**
     * For the fixed-rate load: a thread of its own for every call in flight, so no call waits for an earlier one (the
     * client's calls block). Daemon threads, ended a minute after their last call, so there is nothing to close.
     */
    private final ExecutorService inFlight = Executors.newCachedThreadPool(call -> {
        Thread thread = new Thread(call, "staff-api-call");
        thread.setDaemon(true);
        return thread;
    });

    StaffApi(String baseUrl, String token) {
        this(StaffClient.connect(URI.create(baseUrl), token), ReferralSample.staffDraft(Member.MUNICIPALITY));
    }

    private StaffApi(StaffClient client, ReferralDraft draft) {
        this.client = client;
        this.draft = draft;
    }

    /** The same API and token, recording referrals addressed to {@code addressee}. */
    StaffApi addressedTo(Member addressee) {
        return new StaffApi(client, ReferralSample.staffDraft(addressee));
    }

    Recorded record() {
        return recorded(client.referrals().createForLocation(draft));
    }

    /** For a fixed-rate load: the call is on its way at once, whatever earlier calls are still doing. */
    CompletableFuture<Recorded> recordAsync() {
        return CompletableFuture.supplyAsync(this::record, inFlight);
    }

    private static Recorded recorded(ResponseEntity<Void> response) {
        Instant now = Instant.now();
        if (response.getStatusCode().value() != 201) {
            throw new IllegalStateException("POST /api/v1/referrals answered " + response.getStatusCode().value());
        }
        URI location = response.getHeaders().getLocation();
        if (location == null) {
            throw new IllegalStateException("201 without a Location");
        }
        String path = location.getPath();
        return new Recorded(path.substring(path.lastIndexOf('/') + 1), now);
    }
}
