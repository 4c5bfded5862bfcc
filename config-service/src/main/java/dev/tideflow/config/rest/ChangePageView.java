package dev.tideflow.config.rest;

import java.util.List;

/**
 * A page of the history in revision order.
 *
 * @param next pass as {@code after} to read on: the last revision of this page, or the requested one if empty
 * @param more further changes exist after this page
 */
public record ChangePageView(List<ChangeView> changes, long next, boolean more) {
}
