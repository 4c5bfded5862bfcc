package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns the records of {@code tideflow.config}, in topic order, into this instance's settings. No Kafka here: the
 * follower feeds it and acts on what it answers.
 *
 * <ul>
 *   <li><b>Change-sets</b>: the records of one revision are held until all {@code changeSetSize} of them are in,
 *   then applied together with one {@link ConfigUpdate}; a service never sees half a change-set.</li>
 *   <li><b>Gaps</b>: once the initial load is over, revisions follow each other one by one. A record of a later
 *   revision than the next one, or a new revision while one is still incomplete, means a record was missed:
 *   {@link Result#GAP}. The follower then re-reads the topic from its beginning into a fresh state
 *   ({@link #beginResync()} … {@link #endResync()}), which is swapped in with one update for the keys whose
 *   values changed. Reads go on being served from the old state meanwhile.</li>
 *   <li><b>Duplicates</b> (a revision already applied) are ignored.</li>
 *   <li><b>Validation</b>: a record that does not decode, or a revision with a value a registered typed setting
 *   refuses, is not applied (the whole revision, so a change-set stays all or nothing); the last good values
 *   stay in force.</li>
 * </ul>
 *
 * <p>While loading (at start, or during a resync) revisions are not required to follow each other: compaction has
 * removed overwritten records, so older change-sets may be incomplete and are applied as far as they survive.
 *
 * <p>Not thread-safe for writes: one follower thread offers records; reads synchronize on this object.
 */
public final class ConfigApplier {

    private static final Logger LOG = Logger.getLogger(ConfigApplier.class);

    public enum Result {
        /** A revision was completed and applied (or refused as a whole by validation). */
        APPLIED,
        /** Held until the rest of its change-set arrives. */
        BUFFERED,
        /** A duplicate of what is already applied. */
        IGNORED,
        /** Not a valid record; nothing changed. */
        REJECTED,
        /** A record was missed: resync from the beginning of the topic. */
        GAP
    }

    private final Supplier<ConfigState> freshState;
    private final TypedSettings typed;
    private final Consumer<ConfigUpdate> onUpdate;
    private Track current;
    private Track rebuilding;

    /**
     * @param freshState an empty state for this instance (service, environment, instance)
     * @param onUpdate   called on the feeding thread after each applied revision and after a resync
     */
    public ConfigApplier(Supplier<ConfigState> freshState, Consumer<ConfigUpdate> onUpdate) {
        this(freshState, new TypedSettings(), onUpdate);
    }

    ConfigApplier(Supplier<ConfigState> freshState, TypedSettings typed, Consumer<ConfigUpdate> onUpdate) {
        this.freshState = freshState;
        this.typed = typed;
        this.onUpdate = onUpdate;
        this.current = new Track(freshState.get(), true);
    }

    /** Decodes and offers one record's value; an undecodable one is logged and refused. */
    public Result offer(String json) {
        ConfigChange change;
        try {
            change = ContractCodec.decode(json, ConfigChange.class);
        } catch (ContractViolationException e) {
            LOG.warnf("ignored invalid config record: %s", e.getMessage());
            return Result.REJECTED;
        }
        return offer(change);
    }

    public Result offer(ConfigChange change) {
        Track track = rebuilding != null ? rebuilding : current;
        return track.offer(change);
    }

    /** Everything published before start has been offered: from now on, revisions must follow each other. */
    public synchronized void loaded() {
        current.loading = false;
        typed.started();
    }

    public boolean isLoaded() {
        return !current.loading;
    }

    public boolean isResyncing() {
        return rebuilding != null;
    }

    /** Records offered from now on build a fresh state, read from the beginning of the topic. */
    public void beginResync() {
        rebuilding = new Track(freshState.get(), true);
    }

    /** The fresh state has caught up: it replaces the current one, and one update names the keys that changed. */
    public void endResync() {
        Track fresh = rebuilding;
        rebuilding = null;
        fresh.loading = false;
        Set<String> changed = new TreeSet<>();
        synchronized (this) {
            Set<String> keys = new TreeSet<>(current.state.keys());
            keys.addAll(fresh.state.keys());
            for (String key : keys) {
                if (!current.state.effective(key).equals(fresh.state.effective(key))) {
                    changed.add(key);
                }
            }
            current = fresh;
        }
        LOG.infof("config resynced at revision %d; %d setting(s) changed", fresh.consumed, changed.size());
        publish(new ConfigUpdate(fresh.consumed, List.of(), changed, true));
    }

    public synchronized Optional<String> effective(String key) {
        return current.state.effective(key);
    }

    /** The record that decides {@code key} now, secret or not (a secret's record carries only the mask). */
    public synchronized Optional<ConfigChange> winner(String key) {
        return current.state.winner(key);
    }

    /** The last revision applied (or refused as a whole). */
    public synchronized long revision() {
        return current.consumed;
    }

    public synchronized <T> LiveSetting<T> register(Setting<T> setting) {
        return typed.register(setting, current.state.effective(setting.key()), current.consumed);
    }

    private void publish(ConfigUpdate update) {
        typed.refresh(current.state, update.changedKeys(), update.revision());
        try {
            onUpdate.accept(update);
        } catch (RuntimeException e) {
            LOG.error("config update listener failed at revision " + update.revision(), e);
        }
    }

    /** One state being built from the topic, with its incomplete revision. */
    private final class Track {

        private final ConfigState state;
        private boolean loading;
        private long consumed;
        private long pendingRevision;
        private int pendingSize;
        private final Map<String, ConfigChange> pending = new LinkedHashMap<>();

        Track(ConfigState state, boolean loading) {
            this.state = state;
            this.loading = loading;
        }

        Result offer(ConfigChange change) {
            long revision = change.revision();
            if (!pending.isEmpty() && revision != pendingRevision) {
                if (revision < pendingRevision) {
                    return Result.IGNORED;
                }
                if (!loading) {
                    LOG.warnf("config revision %d arrived before revision %d was complete (%d of %d records)",
                            revision, pendingRevision, pending.size(), pendingSize);
                    return Result.GAP;
                }
                // Compaction removed the rest of that older change-set: apply what survives.
                commit();
            }
            if (pending.isEmpty()) {
                if (revision <= consumed) {
                    return Result.IGNORED;
                }
                if (!loading && revision > consumed + 1) {
                    LOG.warnf("config revision %d follows %d: a record was missed", revision, consumed);
                    return Result.GAP;
                }
                pendingRevision = revision;
                pendingSize = change.recordsInRevision();
            }
            pending.put(change.recordKey(), change);
            if (pending.size() >= pendingSize) {
                commit();
                return Result.APPLIED;
            }
            return Result.BUFFERED;
        }

        private void commit() {
            List<ConfigChange> changes = new ArrayList<>(pending.values());
            long revision = pendingRevision;
            pending.clear();
            List<String> problems = new ArrayList<>();
            for (ConfigChange change : changes) {
                if (state.relevant(change.scope()) && !change.isDeleted() && !Boolean.TRUE.equals(change.secret())) {
                    typed.problems(change.key(), change.value())
                            .forEach(p -> problems.add(change.recordKey() + ": " + p));
                }
            }
            if (!problems.isEmpty()) {
                LOG.warnf("config revision %d refused, the last good values stay: %s", revision, problems);
                synchronized (ConfigApplier.this) {
                    consumed = Math.max(consumed, revision);
                }
                return;
            }
            Set<String> changed = new TreeSet<>();
            synchronized (ConfigApplier.this) {
                // Compared over the whole set: two records of one key (in two scopes) may cancel out.
                Map<String, Optional<String>> before = new LinkedHashMap<>();
                changes.forEach(change -> before.computeIfAbsent(change.key(), state::effective));
                changes.forEach(state::apply);
                before.forEach((key, value) -> {
                    if (!value.equals(state.effective(key))) {
                        changed.add(key);
                    }
                });
                consumed = Math.max(consumed, revision);
            }
            if (this == current) {
                publish(new ConfigUpdate(revision, List.copyOf(changes), changed, false));
            }
        }
    }
}
