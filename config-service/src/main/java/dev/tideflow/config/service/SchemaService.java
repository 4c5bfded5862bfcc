package dev.tideflow.config.service;

import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.KeySchema;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingRules;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.config.repository.KeySchemaRepository;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.config.repository.SettingRepository;
import dev.tideflow.contracts.Violations;
import dev.tideflow.kit.rest.Problem;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas for values by key prefix. Registering or replacing a schema takes the write lock, so no write can
 * slip between the check of the existing values and the schema taking effect; it is refused (409, each offending
 * setting listed) while any existing value breaks it, secrets included (decrypted in memory, never shown).
 */
@ApplicationScoped
public class SchemaService {

    private final KeySchemaRepository repository;
    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final AuditRepository audits;
    private final KeyRingService keys;

    public SchemaService(KeySchemaRepository repository, SettingRepository settings,
            SettingChangeRepository changes, AuditRepository audits, KeyRingService keys) {
        this.repository = repository;
        this.settings = settings;
        this.changes = changes;
        this.audits = audits;
        this.keys = keys;
    }

    /** The schemas in force; call inside the write's session. */
    public Uni<ValueSchemas> current() {
        return repository.listAll().map(found -> {
            Map<String, String> byPrefix = new TreeMap<>();
            found.forEach(schema -> byPrefix.put(schema.prefix(), schema.schema()));
            return ValueSchemas.of(byPrefix);
        });
    }

    public Uni<List<KeySchema>> list() {
        return Panache.withSession(repository::listAll);
    }

    public Uni<KeySchema> find(String prefix) {
        return Panache.withSession(() -> repository.findById(prefix)).map(found -> {
            if (found == null) {
                throw notFound(prefix);
            }
            return found;
        });
    }

    /** Registers or replaces the schema of {@code prefix}; 400 if it is no valid schema, 409 if values break it. */
    public Uni<KeySchema> put(String prefix, String schema, Caller caller) {
        Violations check = new Violations();
        prefix(prefix, check);
        List<String> problems = schema == null || schema.isBlank() ? List.of("the body must be a JSON Schema")
                : ValueSchemas.problems(schema);
        problems.forEach(check::add);
        if (!check.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid("the schema cannot be registered",
                    check.list()));
        }
        ValueSchemas only = ValueSchemas.none().with(prefix, schema);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> changes.lockWrites()
                .chain(() -> settings.list("key like ?1 escape '\\'", like(prefix) + "%"))
                .chain(existing -> broken(only, existing))
                .chain(broken -> {
                    if (!broken.isEmpty()) {
                        throw new ProblemException(new Problem("about:blank", "Conflict", 409, broken.size()
                                + " existing value(s) break this schema; fix them first", null, broken));
                    }
                    return repository.findById(prefix);
                })
                .chain(found -> {
                    if (found == null) {
                        return repository.persist(new KeySchema(prefix, schema, now, caller.actor()));
                    }
                    found.assign(schema, now, caller.actor());
                    return Uni.createFrom().item(found);
                })
                .call(saved -> audits.persist(AuditEntry.event(AuditEntry.SCHEMA_PUT, now, caller.actor(), null,
                        null, caller.requestId(), "schema for keys starting with '" + prefix + "'"))));
    }

    public Uni<Void> delete(String prefix, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> changes.lockWrites()
                .chain(() -> repository.deleteById(prefix))
                .chain(deleted -> {
                    if (!deleted) {
                        throw notFound(prefix);
                    }
                    return audits.persist(AuditEntry.event(AuditEntry.SCHEMA_DELETE, now, caller.actor(), null,
                            null, caller.requestId(), "schema for keys starting with '" + prefix + "'"));
                })).replaceWithVoid();
    }

    /** {@code <scope>/<key>: <violation>} for every existing value that breaks {@code schemas}. */
    private Uni<List<String>> broken(ValueSchemas schemas, List<Setting> existing) {
        Uni<List<String>> result = Uni.createFrom().item(new ArrayList<>());
        for (Setting setting : existing) {
            result = result.chain(acc -> plaintext(setting).map(value -> {
                schemas.violations(setting.key(), value)
                        .forEach(v -> acc.add(setting.address() + (setting.secret() ? " (secret)" : "") + ": " + v));
                return acc;
            }));
        }
        return result;
    }

    private Uni<String> plaintext(Setting setting) {
        if (!setting.secret()) {
            return Uni.createFrom().item(setting.storedValue());
        }
        return keys.forReading(setting.kekVersion()).map(ring -> {
            try {
                return ring.decrypt(setting.storedValue(), setting.address());
            } catch (SecretCryptoException e) {
                throw new ProblemException(Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "secret '"
                        + setting.key() + "' in scope " + setting.scope().path() + " cannot be decrypted: "
                        + e.getMessage()));
            }
        });
    }

    /** A prefix follows the key rules, except that it may end with the separator ({@code scaling.}). */
    public static void prefix(String prefix, Violations check) {
        if (!check.required("prefix", prefix)) {
            return;
        }
        Violations found = new Violations();
        SettingRules.key(prefix, found);
        if (!found.isEmpty()) {
            check.add("'prefix' must be the start of a key: lower case letters, digits and . _ -, got '"
                    + (prefix.length() <= 64 ? prefix : prefix.substring(0, 64) + "…") + "'");
        }
    }

    private static ProblemException notFound(String prefix) {
        return ProblemException.notFound("no schema for prefix '" + prefix + "'");
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
