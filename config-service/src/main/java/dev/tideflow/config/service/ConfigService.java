package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.crypto.KeyRing;
import dev.tideflow.config.crypto.SecretAddress;
import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.EffectiveSettings;
import dev.tideflow.config.domain.EffectiveValue;
import dev.tideflow.config.domain.IfMatch;
import dev.tideflow.config.domain.ScopeSnapshot;
import dev.tideflow.config.domain.ScopedSetting;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingChange;
import dev.tideflow.config.domain.StoredValue;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.config.repository.SettingRepository;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.kit.rest.Problem;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads and writes settings. A write is one transaction: wait for other writers, check the caller's
 * precondition, draw the next global revision, change {@code setting}, append to {@code config_change} (the
 * outbox) and to the audit log. The relay is started once the transaction has committed; the caller gets its
 * answer at commit, not at publication.
 *
 * <p>Secrets are encrypted before they reach an entity and leave this class either masked or, for an admin or
 * the token of a service they belong to ({@link Caller#mayReveal}), decrypted; each decryption is audited in the
 * read's transaction, so a value is only returned once its audit entry has committed.
 */
@ApplicationScoped
public class ConfigService {

    private static final Logger LOG = Logger.getLogger(ConfigService.class);

    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final AuditRepository audits;
    private final KeyRingService keys;
    private final OutboxRelay relay;
    private final EffectiveSettingsResolver resolver = new EffectiveSettingsResolver();
    private final TemplateResolver templates;
    private final ConfigMetrics metrics;
    private final SchemaService schemas;

    public ConfigService(SettingRepository settings, SettingChangeRepository changes, AuditRepository audits,
            KeyRingService keys, OutboxRelay relay, ConfigMetrics metrics, ConfigServiceConfig config,
            SchemaService schemas) {
        this.schemas = schemas;
        this.settings = settings;
        this.changes = changes;
        this.audits = audits;
        this.keys = keys;
        this.relay = relay;
        this.metrics = metrics;
        this.templates = new TemplateResolver(new ExposedEnvironment(config.templates().envAllow(),
                config.masterKey().env(), System::getenv));
    }

    public Uni<ScopeSnapshot> scope(ConfigScope scope, Caller caller) {
        // The head is read before the settings, so the snapshot holds at least every change up to it.
        return reading(caller, () -> changes.headRevision().chain(head -> settings.listByScope(scope)
                .chain(found -> visible(found, caller))
                .map(visible -> new ScopeSnapshot(scope, head, visible))));
    }

    public Uni<Optional<ScopedSetting>> setting(ConfigScope scope, String key, Caller caller) {
        return reading(caller, () -> settings.find(scope, key).chain(found -> found == null
                ? Uni.createFrom().item(Optional.<ScopedSetting>empty())
                : visible(found, caller).map(Optional::of)));
    }

    public Uni<List<SettingChange>> changesAfter(long revision, int limit) {
        return Panache.withSession(() -> changes.listAfter(revision, limit));
    }

    /** @param scopes the scopes that apply, at most one per type */
    public Uni<EffectiveSettings> effective(List<ConfigScope> scopes, Caller caller) {
        return reading(caller, () -> changes.headRevision().chain(head -> settings.listByScopes(scopes)
                .chain(found -> {
                    Map<String, Setting> byAddress = new HashMap<>();
                    found.forEach(s -> byAddress.put(s.address().toString(), s));
                    SortedMap<String, ScopedSetting> winners = resolver.resolve(scopes,
                            found.stream().map(Setting::toScoped).toList());
                    // Only the values that win are decrypted (and audited).
                    Uni<SortedMap<String, ScopedSetting>> result = Uni.createFrom().item(new TreeMap<>());
                    for (ScopedSetting winner : winners.values()) {
                        Setting entity = byAddress.get(winner.scope().path() + "/" + winner.key());
                        result = result.chain(acc -> visible(entity, caller).map(v -> {
                            acc.put(v.key(), v);
                            return acc;
                        }));
                    }
                    return result.map(effective -> new EffectiveSettings(head, resolveTemplates(effective)));
                })));
    }

    /**
     * @param secret  true to store the value encrypted, false to store it in clear, null to keep what the
     *                setting is (a secret stays secret unless the caller says otherwise)
     * @param ifMatch the caller's precondition; a mismatch fails with a 412 problem and records nothing
     */
    public Uni<SettingChange> put(ConfigScope scope, String key, String value, Boolean secret, IfMatch ifMatch,
            Caller caller) {
        Instant now = now();
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(() -> settings.find(scope, key))
                        .chain(existing -> {
                            checkPrecondition(ifMatch, existing, scope, key);
                            boolean encrypt = secret != null ? secret : existing != null && existing.secret();
                            // Secrets are opaque: their text is never parsed as a template.
                            Uni<Void> checked = encrypt ? Uni.createFrom().voidItem()
                                    : checkTemplate(scope, key, value);
                            return checked.chain(() -> checkSchema(key, value))
                                    .chain(() -> store(scope, key, value, encrypt, caller))
                                    .chain(stored -> assign(scope, key, existing, stored, now, caller));
                        }))
                .invoke(this::committed);
    }

    /**
     * Fails with a 404 problem when the setting does not exist, 412 on a failed precondition; nothing is
     * recorded then.
     */
    public Uni<SettingChange> delete(ConfigScope scope, String key, IfMatch ifMatch, Caller caller) {
        Instant now = now();
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(() -> settings.find(scope, key))
                        .chain(existing -> {
                            if (existing == null && ifMatch.absent()) {
                                return Uni.createFrom().failure(notFound(scope, key));
                            }
                            checkPrecondition(ifMatch, existing, scope, key);
                            String oldDigest = existing.digest();
                            return changes.nextRevision()
                                    .chain(revision -> settings.delete(existing)
                                            .chain(() -> changes.persist(SettingChange.deletion(revision, scope, key,
                                                    existing.secret(), now, caller.actor())))
                                            .call(change -> audits.persist(AuditEntry.change(AuditEntry.DELETE, now,
                                                    caller.actor(), scope, key, revision, existing.secret(),
                                                    oldDigest, null, caller.requestId()))));
                        }))
                .invoke(this::committed);
    }

    private SortedMap<String, EffectiveValue> resolveTemplates(SortedMap<String, ScopedSetting> effective) {
        Map<String, TemplateResolver.Entry> entries = new HashMap<>();
        effective.forEach((key, setting) -> entries.put(key, new TemplateResolver.Entry(setting.value(),
                setting.secret())));
        SortedMap<String, TemplateResolver.Resolved> resolved = templates.resolve(entries);
        SortedMap<String, EffectiveValue> values = new TreeMap<>();
        effective.forEach((key, setting) -> values.put(key, new EffectiveValue(setting, resolved.get(key).value(),
                resolved.get(key).problems())));
        return values;
    }

    /**
     * Refuses (400) a template that is malformed, refers to a secret, or closes a cycle. The check runs on the
     * references of every scope together, so no combination of scopes a service may read can form a cycle;
     * references that are merely absent are allowed (another scope may supply them, or a default applies).
     */
    private Uni<Void> checkTemplate(ConfigScope scope, String key, String value) {
        Set<String> references;
        try {
            references = TemplateResolver.references(value);
        } catch (TemplateException e) {
            return Uni.createFrom().failure(ProblemException.invalid("the value is not a valid template",
                    List.of(e.getMessage())));
        }
        if (references.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return settings.listSecretsAndTemplates().invoke(found -> {
            Map<String, Set<String>> graph = new HashMap<>();
            Set<String> secrets = new HashSet<>();
            for (Setting other : found) {
                if (other.scope().equals(scope) && other.key().equals(key)) {
                    continue;
                }
                if (other.secret()) {
                    secrets.add(other.key());
                    continue;
                }
                try {
                    graph.computeIfAbsent(other.key(), k -> new HashSet<>())
                            .addAll(TemplateResolver.references(other.storedValue()));
                } catch (TemplateException e) {
                    // A malformed stored template refers to nothing; it is reported where it is read.
                }
            }
            graph.computeIfAbsent(key, k -> new HashSet<>()).addAll(references);
            List<String> errors = new ArrayList<>();
            references.stream().filter(secrets::contains).sorted().forEach(secret -> errors.add("'" + secret
                    + "' is a secret and is never interpolated into a non-secret value"));
            TemplateResolver.cycleThrough(key, graph).ifPresent(cycle -> errors.add("template cycle: "
                    + String.join(" -> ", cycle)));
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("the value's template cannot be accepted", errors);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> checkSchema(String key, String value) {
        return schemas.current().invoke(found -> {
            List<String> violations = found.violations(key, value);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid("the value breaks the schema of its key", violations);
            }
        }).replaceWithVoid();
    }

    public static ProblemException notFound(ConfigScope scope, String key) {
        return ProblemException.notFound("no setting '" + key + "' in scope " + scope.path());
    }

    /** Draws the revision and writes the setting, its history entry and its audit entry. */
    private Uni<SettingChange> assign(ConfigScope scope, String key, Setting existing, StoredValue stored,
            Instant now, Caller caller) {
        String oldDigest = existing == null ? null : existing.digest();
        boolean secret = stored.secret() || existing != null && existing.secret();
        return changes.nextRevision().chain(revision -> {
            Uni<Setting> written;
            if (existing == null) {
                written = settings.persist(new Setting(scope, key, stored, revision, now, caller.actor()));
            } else {
                existing.assign(stored, revision, now, caller.actor());
                written = Uni.createFrom().item(existing);
            }
            return written
                    .chain(ignored -> changes.persist(SettingChange.assignment(revision, scope, key, stored, now,
                            caller.actor())))
                    .call(change -> audits.persist(AuditEntry.change(AuditEntry.PUT, now, caller.actor(), scope,
                            key, revision, secret, oldDigest, stored.digest(), caller.requestId())));
        });
    }

    private Uni<StoredValue> store(ConfigScope scope, String key, String value, boolean encrypt, Caller caller) {
        if (!encrypt) {
            return Uni.createFrom().item(StoredValue.plain(value));
        }
        return keys.forWriting(caller).map(ring -> StoredValue.secret(
                ring.encrypt(value, new SecretAddress(scope.path(), key)),
                ring.activeVersion(), keys.digest(value)));
    }

    private static void checkPrecondition(IfMatch ifMatch, Setting existing, ConfigScope scope, String key) {
        Long current = existing == null ? null : existing.revision();
        if (!ifMatch.matches(current)) {
            throw new ProblemException(Problem.of(Response.Status.PRECONDITION_FAILED, current == null
                    ? "If-Match failed: no setting '" + key + "' in scope " + scope.path()
                    : "If-Match failed: setting '" + key + "' in scope " + scope.path() + " is at revision "
                            + current + " (ETag " + IfMatch.etag(current) + ")"));
        }
    }

    /** Admins and services read in a transaction, because revealing a secret writes its audit entry. */
    private static <T> Uni<T> reading(Caller caller, Supplier<Uni<T>> work) {
        return caller.mayRevealAny() ? Panache.withTransaction(work) : Panache.withSession(work);
    }

    private Uni<List<ScopedSetting>> visible(List<Setting> found, Caller caller) {
        Uni<List<ScopedSetting>> result = Uni.createFrom().item(new ArrayList<>());
        for (Setting setting : found) {
            result = result.chain(acc -> visible(setting, caller).map(v -> {
                acc.add(v);
                return acc;
            }));
        }
        return result;
    }

    /**
     * Masked, unless the caller is an admin or the service token of a service the secret belongs to: then
     * decrypted, with an audit entry naming the caller in the same transaction.
     */
    private Uni<ScopedSetting> visible(Setting setting, Caller caller) {
        if (!setting.secret() || !caller.mayReveal(setting.scope())) {
            return Uni.createFrom().item(setting.toScoped());
        }
        return keys.forReading(setting.kekVersion())
                .map(ring -> decrypt(ring, setting))
                .call(plain -> audits.persist(AuditEntry.secretRead(now(), caller.actor(), setting.scope(),
                        setting.key(), setting.revision(), setting.digest(), caller.requestId())))
                .map(setting::toScoped);
    }

    private static String decrypt(KeyRing ring, Setting setting) {
        try {
            return ring.decrypt(setting.storedValue(), setting.address());
        } catch (SecretCryptoException e) {
            LOG.errorf("secret %s cannot be decrypted: %s", setting.address(), e.getMessage());
            throw new ProblemException(Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                    "secret '" + setting.key() + "' in scope " + setting.scope().path() + " cannot be decrypted: "
                            + e.getMessage()));
        }
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
