package nl.bronsein.runtime.processinglog;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which part of the processing log to export: a time range, and nothing else. An export is a piece of the hash chain
 * that verifies on its own from its first line to its last; a filter by citizen, party or purpose would leave gaps in
 * it that no verifier can tell from records removed (the search finds those records, without the proof).
 *
 * @param from recorded at or after this moment; left out, from the start of the log
 * @param to   recorded before this moment; left out, up to the last sealed record
 */
@Schema(description = "A time range of the processing log to export; both ends may be left out.")
public record ProcessingLogExport(
        @Schema(description = "recorded at or after this moment") Instant from,
        @Schema(description = "recorded before this moment") Instant to) {
}
