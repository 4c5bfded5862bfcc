package dev.tideflow.config.repository;

import dev.tideflow.config.domain.ScopeColumns;
import dev.tideflow.config.domain.SettingChange;
import dev.tideflow.config.domain.SettingChangeId;
import dev.tideflow.contracts.ConfigScope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SettingChangeRepository implements PanacheRepositoryBase<SettingChange, SettingChangeId> {

    /*
     * Transaction-scoped advisory locks (released by commit or rollback). Writers take WRITE_LOCK before
     * drawing a revision, so revisions commit in the order they are drawn and the relay can never see
     * revision n+1 committed while n is still in flight. RELAY_LOCK keeps a single publisher across instances.
     */
    private static final long WRITE_LOCK = 0x7464_636f_6e66_0001L;
    private static final long RELAY_LOCK = 0x7464_636f_6e66_0002L;

    /** Waits for every other writer of this database to commit; call first in a write transaction. */
    public Uni<Void> lockWrites() {
        return getSession()
                .chain(session -> session
                        .createNativeQuery("select count(*) from pg_advisory_xact_lock(:lock)", Long.class)
                        .setParameter("lock", WRITE_LOCK)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Takes the relay lock if no other relay holds it, without waiting. */
    public Uni<Boolean> tryLockRelay() {
        return getSession()
                .chain(session -> session
                        .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                        .setParameter("lock", RELAY_LOCK)
                        .getSingleResult());
    }

    /**
     * The revision after the head. Drawn under the write lock from the history itself rather than from a sequence:
     * a rolled-back write then leaves no hole, so clients can take a skipped revision as a record they missed.
     */
    public Uni<Long> nextRevision() {
        return headRevision().map(head -> head + 1);
    }

    /** The latest committed revision, 0 before the first change. */
    public Uni<Long> headRevision() {
        return getSession()
                .chain(session -> session
                        .createNativeQuery("select coalesce(max(revision), 0) from config.config_change", Long.class)
                        .getSingleResult());
    }

    public Uni<List<SettingChange>> listAfter(long revision, int limit) {
        return find("revision > ?1", Sort.by("revision").and("scopeType").and("scopeName").and("key"), revision)
                .range(0, limit - 1).list();
    }

    /** In topic order: by revision, and within a change-set by address, so its records go out consecutively. */
    public Uni<List<SettingChange>> listUnpublished(int limit) {
        return find("published = false", Sort.by("revision").and("scopeType").and("scopeName").and("key"))
                .range(0, limit - 1).list();
    }

    /** The latest history entry of one setting, a deletion included; null if it never existed. */
    public Uni<SettingChange> latest(ConfigScope scope, String key) {
        return find("scopeType = ?1 and scopeName = ?2 and key = ?3", Sort.descending("revision"),
                ScopeColumns.type(scope), ScopeColumns.name(scope), key).firstResult();
    }

    /** The latest assignment (not a deletion) of one setting; null if it never had a value. */
    public Uni<SettingChange> latestAssignment(ConfigScope scope, String key) {
        return find("scopeType = ?1 and scopeName = ?2 and key = ?3 and deleted = false",
                Sort.descending("revision"), ScopeColumns.type(scope), ScopeColumns.name(scope), key).firstResult();
    }

    /** For every setting that existed up to {@code revision}, its history entry in force at that revision. */
    public Uni<List<SettingChange>> stateAt(long revision) {
        return list("from SettingChange c where c.revision = (select max(d.revision) from SettingChange d"
                + " where d.scopeType = c.scopeType and d.scopeName = c.scopeName and d.key = c.key"
                + " and d.revision <= ?1)", revision);
    }

    /** History entries of secrets whose ciphertext is under another key version than {@code version}. */
    public Uni<List<SettingChange>> listSecretsNotUnder(int version, int limit) {
        return find("kekVersion is not null and kekVersion <> ?1", Sort.by("revision"), version)
                .range(0, limit - 1).list();
    }

    /** How many history entries each key version protects. */
    public Uni<Map<Integer, Long>> countByKeyVersion() {
        return getSession().chain(session -> session.createQuery(
                        "select c.kekVersion, count(c) from SettingChange c where c.kekVersion is not null"
                                + " group by c.kekVersion", Object[].class)
                .getResultList()).map(SettingRepository::counts);
    }
}
