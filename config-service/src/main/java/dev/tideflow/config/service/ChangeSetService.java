package dev.tideflow.config.service;

import dev.tideflow.config.crypto.SecretAddress;
import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.ChangeItem;
import dev.tideflow.config.domain.ChangeSetResult;
import dev.tideflow.config.domain.RollbackPlanner;
import dev.tideflow.config.domain.Secrets;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes several settings as one: one transaction, one revision for all, all or nothing. Every write that is not
 * a single PUT or DELETE comes through here (change-sets, undelete, rollback, import), so they share the checks:
 * addresses, schemas, templates, existence; every problem of the whole set is reported in one 400.
 *
 * <p>Secrets restored from history (undelete, rollback) are decrypted in memory and encrypted again under the
 * active key with a fresh data key, like any new secret; the plaintext never leaves the service.
 */
@ApplicationScoped
public class ChangeSetService {

    /** An extra audit entry describing the operation as a whole, beside one entry per setting. */
    public record Summary(String action, String detail) {
    }

    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final AuditRepository audits;
    private final KeyRingService keys;
    private final SchemaService schemas;
    private final OutboxRelay relay;
    private final ConfigMetrics metrics;

    public ChangeSetService(SettingRepository settings, SettingChangeRepository changes, AuditRepository audits,
            KeyRingService keys, SchemaService schemas, OutboxRelay relay, ConfigMetrics metrics) {
        this.settings = settings;
        this.changes = changes;
        this.audits = audits;
        this.keys = keys;
        this.schemas = schemas;
        this.relay = relay;
        this.metrics = metrics;
    }

    /**
     * @param expectedRevision the global revision the caller based the set on; null to apply whatever the head
     */
    public Uni<ChangeSetResult> apply(List<ChangeItem> items, Long expectedRevision, Caller caller,
            Summary summary) {
        return run(head -> Uni.createFrom().item(items), expectedRevision, AuditEntry.PUT, caller, summary);
    }

    /** Restores the last value a deleted setting had, as a new revision. 404 if it never had one, 409 if it exists. */
    public Uni<ChangeSetResult> undelete(ConfigScope scope, String key, Caller caller) {
        return run(head -> settings.find(scope, key).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("setting '" + key + "' in scope " + scope.path()
                        + " is not deleted");
            }
            return changes.latestAssignment(scope, key);
        }).chain(last -> {
            if (last == null) {
                throw ConfigService.notFound(scope, key);
            }
            return restore(last).map(List::of);
        }), null, AuditEntry.UNDELETE, caller, null);
    }

    /** A new revision that sets every setting back to what it was at {@code revision}. */
    public Uni<ChangeSetResult> rollback(long revision, Caller caller) {
        return run(head -> {
            if (revision > head) {
                throw ProblemException.invalid("cannot roll back to a revision that does not exist yet",
                        List.of("'revision' must be at most the current revision " + head + ", got " + revision));
            }
            return changes.stateAt(revision).chain(then -> settings.listAll().chain(now -> {
                Uni<List<ChangeItem>> items = Uni.createFrom().item(new ArrayList<>());
                for (RollbackPlanner.Step step : RollbackPlanner.plan(then, now)) {
                    items = items.chain(acc -> (step.delete()
                            ? Uni.createFrom().item(ChangeItem.deletion(step.current().scope(),
                                    step.current().key()))
                            : restore(step.restore())).map(item -> {
                                acc.add(item);
                                return acc;
                            }));
                }
                return items;
            }));
        }, null, AuditEntry.PUT, caller, new Summary(AuditEntry.ROLLBACK, "rolled back to revision " + revision));
    }

    /**
     * Applies an environment's settings from a document, as one change-set: values equal to the stored ones are
     * left alone, and so is a secret given as the mask (an export without secrets imports back unchanged). A
     * setting that is a secret stays one. With {@code prune}, settings of the environment the document does not
     * name are deleted.
     */
    public Uni<ChangeSetResult> importScope(ConfigScope scope, Map<String, String> values, boolean prune,
            Caller caller) {
        return run(head -> settings.listByScope(scope).map(existing -> {
            Map<String, Setting> byKey = new HashMap<>();
            existing.forEach(setting -> byKey.put(setting.key(), setting));
            List<ChangeItem> items = new ArrayList<>();
            values.forEach((key, value) -> {
                Setting current = byKey.get(key);
                boolean unchanged = current != null && (current.secret() ? Secrets.MASK.equals(value)
                        : value.equals(current.storedValue()));
                if (!unchanged) {
                    items.add(ChangeItem.assign(scope, key, value, null));
                }
            });
            if (prune) {
                existing.stream().filter(setting -> !values.containsKey(setting.key()))
                        .forEach(setting -> items.add(ChangeItem.deletion(scope, setting.key())));
            }
            return items;
        }), null, AuditEntry.PUT, caller, new Summary(AuditEntry.IMPORT, "imported " + scope.path()
                + (prune ? " with prune" : "")));
    }

    /**
     * An environment's settings by key for export: secrets masked, or with {@code includeSecrets} decrypted, each
     * such read audited like any admin read of a secret; the export itself is audited either way.
     */
    public Uni<SortedMap<String, String>> exportScope(ConfigScope scope, boolean includeSecrets, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> changes.headRevision().chain(head -> settings.listByScope(scope)
                .chain(found -> {
                    Uni<SortedMap<String, String>> values = Uni.createFrom().item(new TreeMap<>());
                    for (Setting setting : found) {
                        values = values.chain(acc -> exported(setting, includeSecrets, now, caller).map(value -> {
                            acc.put(setting.key(), value);
                            return acc;
                        }));
                    }
                    return values;
                })
                .call(values -> audits.persist(AuditEntry.event(AuditEntry.EXPORT, now, caller.actor(), scope, head,
                        caller.requestId(), "exported " + values.size() + " settings of " + scope.path()
                                + (includeSecrets ? " with secrets in clear" : " with secrets masked"))))));
    }

    private Uni<String> exported(Setting setting, boolean includeSecrets, Instant now, Caller caller) {
        if (!setting.secret()) {
            return Uni.createFrom().item(setting.storedValue());
        }
        if (!includeSecrets) {
            return Uni.createFrom().item(Secrets.MASK);
        }
        return keys.forReading(setting.kekVersion())
                .map(ring -> {
                    try {
                        return ring.decrypt(setting.storedValue(), setting.address());
                    } catch (SecretCryptoException e) {
                        throw new ProblemException(Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "secret '"
                                + setting.key() + "' cannot be decrypted: " + e.getMessage()));
                    }
                })
                .call(plain -> audits.persist(AuditEntry.secretRead(now, caller.actor(), setting.scope(),
                        setting.key(), setting.revision(), setting.digest(), caller.requestId())));
    }

    /** The item that writes {@code entry}'s value again; a secret is decrypted here and re-encrypted on write. */
    private Uni<ChangeItem> restore(SettingChange entry) {
        if (!entry.secret()) {
            return Uni.createFrom().item(ChangeItem.assign(entry.scope(), entry.key(), entry.storedValue(), false));
        }
        return keys.forReading(entry.kekVersion()).map(ring -> {
            try {
                return ChangeItem.assign(entry.scope(), entry.key(), ring.decrypt(entry.storedValue(),
                        entry.address()), true);
            } catch (SecretCryptoException e) {
                throw new ProblemException(Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the secret '"
                        + entry.key() + "' of revision " + entry.revision() + " cannot be decrypted: "
                        + e.getMessage()));
            }
        });
    }

    private Uni<ChangeSetResult> run(Function<Long, Uni<List<ChangeItem>>> plan, Long expectedRevision,
            String itemAction, Caller caller, Summary summary) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(changes::headRevision)
                        .chain(head -> {
                            if (expectedRevision != null && expectedRevision != head.longValue()) {
                                throw new ProblemException(Problem.of(Response.Status.PRECONDITION_FAILED,
                                        "expectedRevision is " + expectedRevision + " but the configuration is at"
                                                + " revision " + head));
                            }
                            return plan.apply(head).chain(items -> items.isEmpty()
                                    ? Uni.createFrom().item(new ChangeSetResult(head, List.of()))
                                    : existing(items).chain(found -> check(items, found)
                                            .chain(() -> write(items, found, head + 1, itemAction, now, caller,
                                                    summary))));
                        }))
                .invoke(result -> {
                    if (!result.changes().isEmpty()) {
                        metrics.written();
                        relay.trigger();
                    }
                });
    }

    private Uni<Map<String, Setting>> existing(List<ChangeItem> items) {
        Uni<Map<String, Setting>> result = Uni.createFrom().item(new HashMap<>());
        for (ChangeItem item : items) {
            result = result.chain(acc -> settings.find(item.scope(), item.key()).map(found -> {
                if (found != null) {
                    acc.put(item.address(), found);
                }
                return acc;
            }));
        }
        return result;
    }

    /** Every reason the set cannot be applied, by entry; fails with one 400 listing them all. */
    private Uni<Void> check(List<ChangeItem> items, Map<String, Setting> found) {
        return schemas.current().chain(valueSchemas -> settings.listSecretsAndTemplates().map(stored -> {
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                ChangeItem item = items.get(i);
                String at = "changes[" + i + "] (" + item.address() + "): ";
                if (item.delete()) {
                    if (!found.containsKey(item.address())) {
                        errors.add(at + "no such setting to delete");
                    }
                    continue;
                }
                valueSchemas.violations(item.key(), item.value()).forEach(v -> errors.add(at + v));
            }
            errors.addAll(templateProblems(items, found, stored));
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("the change-set cannot be applied; nothing was changed", errors);
            }
            return null;
        })).replaceWithVoid();
    }

    /**
     * The template rules of a single write, for the state the whole set leads to: no plain value may refer to a
     * secret, and no references may form a cycle (across every scope, as for a single write).
     */
    private static List<String> templateProblems(List<ChangeItem> items, Map<String, Setting> found,
            List<Setting> stored) {
        Set<String> replaced = new HashSet<>();
        items.forEach(item -> replaced.add(item.address()));
        Map<String, Set<String>> graph = new HashMap<>();
        Set<String> secrets = new HashSet<>();
        for (Setting other : stored) {
            if (replaced.contains(other.address().toString())) {
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
        List<String> errors = new ArrayList<>();
        Map<Integer, Set<String>> referencesByItem = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ChangeItem item = items.get(i);
            if (item.delete()) {
                continue;
            }
            if (secret(item, found.get(item.address()))) {
                secrets.add(item.key());
                continue;
            }
            try {
                Set<String> references = TemplateResolver.references(item.value());
                referencesByItem.put(i, references);
                graph.computeIfAbsent(item.key(), k -> new HashSet<>()).addAll(references);
            } catch (TemplateException e) {
                errors.add("changes[" + i + "] (" + item.address() + "): the value is not a valid template: "
                        + e.getMessage());
            }
        }
        referencesByItem.forEach((i, references) -> {
            ChangeItem item = items.get(i);
            String at = "changes[" + i + "] (" + item.address() + "): ";
            references.stream().filter(secrets::contains).sorted().forEach(secret -> errors.add(at + "'" + secret
                    + "' is a secret and is never interpolated into a non-secret value"));
            TemplateResolver.cycleThrough(item.key(), graph).ifPresent(cycle -> errors.add(at + "template cycle: "
                    + String.join(" -> ", cycle)));
        });
        return errors;
    }

    private static boolean secret(ChangeItem item, Setting existing) {
        return item.secret() != null ? item.secret() : existing != null && existing.secret();
    }

    private Uni<ChangeSetResult> write(List<ChangeItem> items, Map<String, Setting> found, long revision,
            String itemAction, Instant now, Caller caller, Summary summary) {
        int size = items.size();
        Uni<List<SettingChange>> written = Uni.createFrom().item(new ArrayList<>());
        for (ChangeItem item : items) {
            Setting existing = found.get(item.address());
            written = written.chain(acc -> writeOne(item, existing, revision, size, itemAction, now, caller)
                    .map(change -> {
                        acc.add(change);
                        return acc;
                    }));
        }
        return written.call(all -> summary == null ? Uni.createFrom().voidItem()
                        : audits.persist(AuditEntry.event(summary.action(), now, caller.actor(), null, revision,
                                caller.requestId(), summary.detail() + " (" + size + " settings)")))
                .map(all -> new ChangeSetResult(revision, List.copyOf(all)));
    }

    private Uni<SettingChange> writeOne(ChangeItem item, Setting existing, long revision, int size,
            String itemAction, Instant now, Caller caller) {
        ConfigScope scope = item.scope();
        String key = item.key();
        String oldDigest = existing == null ? null : existing.digest();
        if (item.delete()) {
            return settings.delete(existing)
                    .chain(() -> changes.persist(SettingChange.deletion(revision, scope, key, existing.secret(),
                            now, caller.actor()).inChangeSetOf(size)))
                    .call(change -> audits.persist(AuditEntry.change(AuditEntry.DELETE, now, caller.actor(), scope,
                            key, revision, existing.secret(), oldDigest, null, caller.requestId())));
        }
        boolean encrypt = secret(item, existing);
        Uni<StoredValue> stored = encrypt
                ? keys.forWriting(caller).map(ring -> StoredValue.secret(
                        ring.encrypt(item.value(), new SecretAddress(scope.path(), key)),
                        ring.activeVersion(), keys.digest(item.value())))
                : Uni.createFrom().item(StoredValue.plain(item.value()));
        return stored.chain(value -> {
            Uni<Setting> setting;
            if (existing == null) {
                setting = settings.persist(new Setting(scope, key, value, revision, now, caller.actor()));
            } else {
                existing.assign(value, revision, now, caller.actor());
                setting = Uni.createFrom().item(existing);
            }
            boolean secret = value.secret() || existing != null && existing.secret();
            return setting
                    .chain(ignored -> changes.persist(SettingChange.assignment(revision, scope, key, value, now,
                            caller.actor()).inChangeSetOf(size)))
                    .call(change -> audits.persist(AuditEntry.change(itemAction, now, caller.actor(), scope, key,
                            revision, secret, oldDigest, value.digest(), caller.requestId())));
        });
    }
}
