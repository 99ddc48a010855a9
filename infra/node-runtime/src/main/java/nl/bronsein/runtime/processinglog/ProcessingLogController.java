package nl.bronsein.runtime.processinglog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

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
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.audit.ChainState;
import nl.bronsein.runtime.audit.ProcessingExportHeader;
import nl.bronsein.runtime.audit.ProcessingRecordLine;
import nl.bronsein.runtime.audit.ProcessingRecords;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.staff.StaffAudit;
import tools.jackson.databind.json.JsonMapper;

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

    private final ProcessingRecords records;
    private final AuditTrail audit;
    private final StaffAudit staff;
    private final JsonMapper json;

    ProcessingLogController(ProcessingRecords records, AuditTrail audit, StaffAudit staff, JsonMapper json) {
        this.records = records;
        this.audit = audit;
        this.staff = staff;
        this.json = json;
    }

    @Operation(summary = "Search the processing log", description = "Records by citizen (BSN, looked up by this node's "
            + "pseudonym: the log holds no BSN), by other party, by purpose and by time, oldest first, a page at a time; "
            + "page on while more is true. Each record in the export line format (LDV field names). The search is "
            + "itself recorded, with the citizen when it named one, so that the citizen can see who looked them up.")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @PostMapping(path = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
    public ProcessingRecordPage search(@Validated @RequestBody ProcessingLogSearch search) {
        refuse(TimeRange.problems(search.from(), search.to()));
        staff.logRead(search.described(), Optional.ofNullable(search.bsn()));
        int page = search.pageOrFirst();
        int size = search.sizeOrDefault();
        List<ProcessingRecordLine> found = records.search(new ProcessingRecords.Criteria(
                        search.bsn() == null ? null : audit.subjectOf(search.bsn()), search.party(), search.purpose(),
                        search.from(), search.to()), (long) page * size, size + 1)
                .stream().map(ProcessingRecordLine::of).toList();
        return new ProcessingRecordPage(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size);
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
        refuse(TimeRange.problems(range.from(), range.to()));
        staff.logRead("export" + (range.from() == null ? "" : " from " + range.from())
                + (range.to() == null ? "" : " to " + range.to()), Optional.empty());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        // one header for the export and its verifier (replay verify-log): the chain's start where nothing precedes
        records.export(range.from(), range.to(), before -> line(out, new ProcessingExportHeader(before
                        .map(chain -> new ChainState(chain.seq(), chain.hash())).orElse(ChainState.START))),
                record -> line(out, ProcessingRecordLine.of(record)));
        out.flush();
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
        } catch (IOException e) {
            // the client went away: stop reading the chain for it
            throw new UncheckedIOException(e);
        }
    }

    private static void refuse(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
