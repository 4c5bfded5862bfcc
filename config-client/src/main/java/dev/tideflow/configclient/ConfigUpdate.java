package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;

import java.util.List;
import java.util.Set;

/**
 * One step of this instance's configuration: a whole revision (every record of its change-set) applied at once,
 * or a resync that rebuilt the state from the topic.
 *
 * @param changes     the records of the revision; empty after a resync
 * @param changedKeys the keys whose value, as this instance resolves it, changed
 * @param resync      the state was rebuilt from the beginning of the topic after a missed record
 */
public record ConfigUpdate(long revision, List<ConfigChange> changes, Set<String> changedKeys, boolean resync) {
}
