package dev.tideflow.config.service;

import dev.tideflow.config.domain.EffectiveSettings;
import dev.tideflow.config.domain.ScopeSnapshot;
import dev.tideflow.config.domain.ScopedSetting;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingChange;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.config.repository.SettingRepository;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes settings. A write is one transaction: wait for other writers, draw the next global
 * revision, change {@code setting}, append to {@code config_change} (the outbox). The relay is started
 * once the transaction has committed; the caller gets its answer at commit, not at publication.
 */
@ApplicationScoped
public class ConfigService {

    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final OutboxRelay relay;
    private final EffectiveSettingsResolver resolver = new EffectiveSettingsResolver();
    private final ConfigMetrics metrics;

    public ConfigService(SettingRepository settings, SettingChangeRepository changes, OutboxRelay relay,
            ConfigMetrics metrics) {
        this.settings = settings;
        this.changes = changes;
        this.relay = relay;
        this.metrics = metrics;
    }

    @WithSession
    public Uni<ScopeSnapshot> scope(ConfigScope scope) {
        // The head is read before the settings, so the snapshot holds at least every change up to it.
        return changes.headRevision().chain(head -> settings.listByScope(scope)
                .map(found -> new ScopeSnapshot(scope, head, found.stream().map(Setting::toScoped).toList())));
    }

    @WithSession
    public Uni<Optional<ScopedSetting>> setting(ConfigScope scope, String key) {
        return settings.find(scope, key).map(found -> Optional.ofNullable(found).map(Setting::toScoped));
    }

    @WithSession
    public Uni<List<SettingChange>> changesAfter(long revision, int limit) {
        return changes.listAfter(revision, limit);
    }

    /** @param scopes the scopes that apply, at most one per type */
    @WithSession
    public Uni<EffectiveSettings> effective(List<ConfigScope> scopes) {
        return changes.headRevision().chain(head -> settings.listByScopes(scopes)
                .map(found -> new EffectiveSettings(head,
                        resolver.resolve(scopes, found.stream().map(Setting::toScoped).toList()))));
    }

    public Uni<SettingChange> put(ConfigScope scope, String key, String value, String actor) {
        Instant now = now();
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(changes::nextRevision)
                        .chain(revision -> settings.find(scope, key)
                                .chain(existing -> {
                                    if (existing == null) {
                                        return settings.persist(new Setting(scope, key, value, revision, now, actor));
                                    }
                                    existing.assign(value, revision, now, actor);
                                    return Uni.createFrom().item(existing);
                                })
                                .chain(ignored -> changes.persist(
                                        SettingChange.assignment(revision, scope, key, value, now, actor)))))
                .invoke(this::committed);
    }

    /** Fails with a 404 problem when the setting does not exist; nothing is recorded then. */
    public Uni<SettingChange> delete(ConfigScope scope, String key, String actor) {
        Instant now = now();
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(() -> settings.find(scope, key))
                        .chain(existing -> {
                            if (existing == null) {
                                return Uni.createFrom().failure(notFound(scope, key));
                            }
                            return changes.nextRevision()
                                    .chain(revision -> settings.delete(existing)
                                            .chain(() -> changes.persist(
                                                    SettingChange.deletion(revision, scope, key, now, actor))));
                        }))
                .invoke(this::committed);
    }

    public static ProblemException notFound(ConfigScope scope, String key) {
        return ProblemException.notFound("no setting '" + key + "' in scope " + scope.path());
    }

    private void committed(SettingChange change) {
        metrics.written();
        relay.trigger();
    }

    // PostgreSQL keeps microseconds: the answer to a write shows exactly what a later read returns.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
