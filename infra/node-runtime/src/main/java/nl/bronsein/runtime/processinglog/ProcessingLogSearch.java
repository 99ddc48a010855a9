package nl.bronsein.runtime.processinglog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.domain.Bsn;

/**
 * What the privacy officer looks for in the processing log. In the body, never the URL: the BSN is personal data, and a
 * URL ends up in access logs and browser histories. Every criterion left out matches everything.
 *
 * @param bsn     the citizen whose records to find; the log holds no BSN, so it is turned into this node's pseudonym
 * @param party   the other party as recorded: a participant URN, {@code staff:<subject>} for a member of staff,
 *                {@code unlisted:<sha256>} for an unknown certificate (the columns are 200 characters)
 * @param purpose the purpose as recorded (e.g. {@code intake}, {@code staff:GP})
 * @param from    recorded at or after this moment
 * @param to      recorded before this moment
 * @param page    which page, from 0; default 0
 * @param size    records per page, 1 to {@value #MAX_SIZE}; default {@value #DEFAULT_SIZE}
 */
@Schema(description = "Criteria for records of the processing log; every criterion left out matches everything.")
public record ProcessingLogSearch(
        @Schema(description = "the citizen's BSN (9 digits, elfproef); never put it in a URL", example = "999993653")
        @Bsn String bsn,
        @Schema(description = "the other party as recorded: a participant URN, staff:<subject>, unlisted:<sha256>")
        @Size(min = 1, max = 200) String party,
        @Schema(description = "the purpose as recorded, e.g. intake or staff:GP") @Size(min = 1, max = 200) String purpose,
        @Schema(description = "recorded at or after this moment") Instant from,
        @Schema(description = "recorded before this moment") Instant to,
        @Schema(description = "which page, from 0", defaultValue = "0")
        @Min(0) @Max(MAX_PAGE) Integer page,
        @Schema(description = "records per page", defaultValue = "" + DEFAULT_SIZE)
        @Min(1) @Max(MAX_SIZE) Integer size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    /** Far past any log a node keeps, and small enough that page × size stays an offset a database takes. */
    static final int MAX_PAGE = 1_000_000;

    int pageOrFirst() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? DEFAULT_SIZE : size;
    }

    /**
     * Which criteria the search named, for the record of the read: their names only, so that the record holds no BSN
     * (the citizen is its subject, pseudonymised) and stays short.
     */
    String described() {
        List<String> named = new ArrayList<>();
        if (bsn != null) {
            named.add("subject");
        }
        if (party != null) {
            named.add("party");
        }
        if (purpose != null) {
            named.add("purpose");
        }
        if (from != null) {
            named.add("from");
        }
        if (to != null) {
            named.add("to");
        }
        return "search" + (named.isEmpty() ? "" : " by " + String.join(", ", named)) + "; page " + pageOrFirst()
                + " of " + sizeOrDefault();
    }
}
