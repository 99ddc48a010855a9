package nl.bronsein.runtime.processinglog;

import java.util.List;

import nl.bronsein.runtime.audit.ProcessingRecordLine;

/**
 * One page of processing records, oldest first, each as an export line.
 *
 * @param records the records on this page, in the order they were written
 * @param page    this page's number, from 0
 * @param size    records per page
 * @param more    whether a next page holds more
 */
public record ProcessingRecordPage(List<ProcessingRecordLine> records, int page, int size, boolean more) {
}
