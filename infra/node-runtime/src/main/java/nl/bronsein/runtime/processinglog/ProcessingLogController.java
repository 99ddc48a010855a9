package nl.bronsein.runtime.processinglog;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The privacy officer's reading of the node's processing log (Logboek Dataverwerkingen): records by citizen, party,
 * purpose and time, a page at a time, and an export of a range with its hash-chain proof. Criteria travel in the body,
 * as the BSN must never be in a URL. Every read is itself recorded ({@code processing-log-read}), before the answer.
 */
@Tag(name = "Processing log", description = "The node's processing log (Logboek Dataverwerkingen), for its privacy "
        + "officer: who processed which citizen's data, when, for what purpose, and how it ended. Every read is itself "
        + "recorded.")
@RestController
@RequestMapping("/api/v1/processing-records")
class ProcessingLogController {

    static final String NDJSON = "application/x-ndjson";

    private final ProcessingLogReading reading;

    ProcessingLogController(ProcessingLogReading reading) {
        this.reading = reading;
    }

    @Operation(summary = "Search the processing log", description = "Records by citizen (BSN, looked up by this node's "
            + "pseudonym: the log holds no BSN), by other party, by purpose and by time, oldest first, a page at a time; "
            + "page on while more is true. Each record in the export line format (LDV field names). The search is "
            + "itself recorded, with the citizen when it named one, so that the citizen can see who looked them up.")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @PostMapping(path = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    public ProcessingRecordPage search(@Validated @RequestBody ProcessingLogSearch search) {
        return reading.search(search);
    }

    @Operation(summary = "Export a range of the processing log", description = "JSON lines: first {\"chain_before\": "
            + "{\"seq\": n, \"hash\": \"...\"}}, the hash chain's state just before the first exported record (null when "
            + "the export starts the chain or holds no record), then one record per line in chain order, each in the "
            + "export line format with its place in the chain. The part of the chain from the first to the last sealed "
            + "record recorded in [from, to): contiguous, so it verifies on its own. Records not yet sealed are left "
            + "out; a later export holds them. Streamed. The export is itself recorded.")
    @ApiResponse(responseCode = "200", description = "the chain's state before the range, then its records",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string",
                    description = "JSON lines: the chain_before line, then one processing record per line")))
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @PostMapping(path = "/export")
    public void export(@Validated @RequestBody ProcessingLogExport range, HttpServletResponse response)
            throws IOException {
        // refused as problem+json while nothing of the answer is set
        ProcessingLogReading.requireReadable(range.from(), range.to());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        reading.export(range.from(), range.to(), response.getOutputStream());
    }
}
