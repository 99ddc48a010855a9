package nl.bronsein.runtime.processinglog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * The privacy officer's reads of the processing log, for the staff API and the staff pages alike: each read is recorded
 * ({@code processing-log-read}, with the citizen when it named one) before anything is read, so that a read whose
 * record cannot be written reads nothing.
 */
class ProcessingLogReading {

    private final ProcessingRecords records;
    private final AuditTrail audit;
    private final StaffAudit staff;
    private final JsonMapper json;

    ProcessingLogReading(ProcessingRecords records, AuditTrail audit, StaffAudit staff, JsonMapper json) {
        this.records = records;
        this.audit = audit;
        this.staff = staff;
        this.json = json;
    }

    /** @throws InvalidRequestException for a time range out of bounds or backwards, before anything is recorded */
    ProcessingRecordPage search(ProcessingLogSearch search) {
        requireReadable(search.from(), search.to());
        staff.logRead(search.described(), Optional.ofNullable(search.bsn()));
        int page = search.pageOrFirst();
        int size = search.sizeOrDefault();
        List<ProcessingRecordLine> found = records.search(new ProcessingRecords.Criteria(
                        search.bsn() == null ? null : audit.subjectOf(search.bsn()), search.party(), search.purpose(),
                        search.from(), search.to()), (long) page * size, size + 1)
                .stream().map(ProcessingRecordLine::of).toList();
        return new ProcessingRecordPage(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size);
    }

    /**
     * Writes the sealed records of [from, to) in chain order as JSON lines, after the chain's state before them.
     *
     * @throws InvalidRequestException for a time range out of bounds or backwards, before anything is recorded
     */
    void export(Instant from, Instant to, OutputStream out) throws IOException {
        requireReadable(from, to);
        staff.logRead("export" + (from == null ? "" : " from " + from) + (to == null ? "" : " to " + to),
                Optional.empty());
        // one header for the export and its verifier (replay verify-log): the chain's start where nothing precedes
        records.export(from, to, before -> line(out, new ProcessingExportHeader(before
                        .map(chain -> new ChainState(chain.seq(), chain.hash())).orElse(ChainState.START))),
                record -> line(out, ProcessingRecordLine.of(record)));
        out.flush();
    }

    /** Whether the time range can be read; the problems at its fields if not, with nothing recorded. */
    static List<FieldProblem> problems(Instant from, Instant to) {
        return TimeRange.problems(from, to);
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

    /** @throws InvalidRequestException naming each field of a time range out of bounds or backwards */
    static void requireReadable(Instant from, Instant to) {
        List<FieldProblem> problems = problems(from, to);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
