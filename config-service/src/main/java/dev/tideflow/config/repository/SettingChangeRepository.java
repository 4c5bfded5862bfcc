package dev.tideflow.config.repository;

import dev.tideflow.config.domain.SettingChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SettingChangeRepository implements PanacheRepositoryBase<SettingChange, Long> {

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

    public Uni<Long> nextRevision() {
        return getSession()
                .chain(session -> session
                        .createNativeQuery("select nextval('config.config_revision')", Long.class)
                        .getSingleResult());
    }

    /** The latest committed revision, 0 before the first change. */
    public Uni<Long> headRevision() {
        return getSession()
                .chain(session -> session
                        .createNativeQuery("select coalesce(max(revision), 0) from config.config_change", Long.class)
                        .getSingleResult());
    }

    public Uni<List<SettingChange>> listAfter(long revision, int limit) {
        return find("revision > ?1", Sort.by("revision"), revision).range(0, limit - 1).list();
    }

    public Uni<List<SettingChange>> listUnpublished(int limit) {
        return find("published = false", Sort.by("revision")).range(0, limit - 1).list();
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
