package nl.bronsein.staffclient;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A citizen's access report at the desk they ask ({@code /api/v1/citizen-access}, docs/api/gp-staff.json and
 * municipality-staff.json): who accessed their data across the network, in words for the citizen. The BSN goes in the
 * body, never in a URL.
 */
@HttpExchange("/api/v1/citizen-access")
public interface CitizenAccessApi {

    @PostExchange
    Report report(@RequestBody Citizen citizen);

    record Citizen(String bsn) {
    }

    record Report(List<Access> accesses, List<Source> sources) {
    }

    record Access(Instant at, String who, String what, String purpose, boolean allowed, String outcome,
                  String recordedBy) {
    }

    record Source(String organisation, boolean answered, String remark) {
    }
}
