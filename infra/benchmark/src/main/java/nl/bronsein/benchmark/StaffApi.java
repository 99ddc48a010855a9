package nl.bronsein.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The GP's staff API as the practice's HIS calls it: one {@code POST /api/v1/referrals} is one change — the referral,
 * its consent record and its outbox row committed in one transaction before the 201 comes back.
 */
final class StaffApi {

    /** A committed change: the referral's id, and when the client had the answer that it was committed. */
    record Recorded(String id, Instant committedBy) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;

    StaffApi(String baseUrl, String token) {
        this.request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/referrals"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(ReferralSample.json()))
                .build();
    }

    Recorded record() throws IOException, InterruptedException {
        return recorded(http.send(request, HttpResponse.BodyHandlers.discarding()));
    }

    /** For a fixed-rate load: the call is on its way at once, whatever earlier calls are still doing. */
    CompletableFuture<Recorded> recordAsync() {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(StaffApi::recorded);
    }

    private static Recorded recorded(HttpResponse<Void> response) {
        Instant now = Instant.now();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/referrals answered " + response.statusCode());
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("201 without a Location"));
        return new Recorded(location.substring(location.lastIndexOf('/') + 1), now);
    }
}
