package dev.tideflow.config.rest;

import java.util.List;

/**
 * A page of the audit log, oldest first.
 *
 * @param next pass as {@code after} to read on: the last id of this page, or the requested one if empty
 * @param more further entries match after this page
 */
public record AuditPageView(List<AuditEntryView> entries, long next, boolean more) {
}
