package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.crypto.KeyRing;
import dev.tideflow.config.crypto.MasterKey;
import dev.tideflow.config.crypto.MasterKeySource;
import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.KeyVersion;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.config.repository.KeyVersionRepository;
import dev.tideflow.kit.rest.Problem;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master key (loaded once at start from a file or the environment) and the key ring of key-encryption keys
 * unsealed from {@code key_version}. The database is the source of truth for which version is active, so every
 * instance encrypts under the same version; the unsealed ring is cached and reloaded when it is behind.
 * Every method runs inside the caller's Hibernate Reactive session; those that write, inside its transaction,
 * after it has taken the write lock.
 */
@Startup
@ApplicationScoped
public class KeyRingService {

    private static final Logger LOG = Logger.getLogger(KeyRingService.class);

    private final Optional<MasterKey> master;
    private final String masterKeySources;
    /** Why a configured master key could not be loaded; null when it loaded or none is configured. */
    private final String loadProblem;
    private final KeyVersionRepository versions;
    private final AuditRepository audits;

    private volatile KeyRing cached;

    public KeyRingService(ConfigServiceConfig config, KeyVersionRepository versions, AuditRepository audits) {
        ConfigServiceConfig.MasterKey source = config.masterKey();
        this.masterKeySources = "tideflow.config-service.master-key.file or the " + source.env()
                + " environment variable";
        // A configured but unreadable or malformed key keeps the service out of rotation (readiness DOWN with the
        // reason) rather than failing the start: the reason is then visible where operators look.
        Optional<MasterKey> loaded;
        String problem = null;
        try {
            loaded = MasterKeySource.load(source.file(), source.env(), System::getenv);
        } catch (SecretCryptoException e) {
            loaded = Optional.empty();
            problem = e.getMessage();
        }
        this.master = loaded;
        this.loadProblem = problem;
        this.versions = versions;
        this.audits = audits;
        if (master.isEmpty()) {
            LOG.errorf("%s: secret settings can be neither written nor read", unavailable());
        }
    }

    public boolean available() {
        return master.isPresent();
    }

    /**
     * Why secrets cannot be served, or empty when they can: the master key is missing or unreadable, or it does
     * not unseal the stored key versions (a wrong key, or altered key rows). Runs in the caller's session.
     */
    public Uni<Optional<String>> problem() {
        if (master.isEmpty()) {
            return Uni.createFrom().item(Optional.of(unavailable()));
        }
        return versions.findActive()
                .chain(active -> active == null ? Uni.createFrom().item(Optional.<String>empty())
                        : reload().map(ring -> Optional.<String>empty()))
                .onFailure(SecretCryptoException.class).recoverWithItem(e -> Optional.of(
                        "the master key does not unseal the stored key versions: " + e.getMessage()));
    }

    private String unavailable() {
        return loadProblem != null ? "the master key cannot be loaded: " + loadProblem
                : "no master key is configured (" + masterKeySources + ")";
    }

    /** The keyed audit digest of a secret value. */
    public String digest(String plaintext) {
        return master().auditDigest(plaintext);
    }

    /**
     * The ring to encrypt with, its active version the one the database names. The first secret ever written
     * creates version 1.
     */
    public Uni<KeyRing> forWriting(Caller caller) {
        MasterKey key = master();
        return versions.findActive().chain(active -> {
            if (active == null) {
                return create(key, 1, caller, AuditEntry.KEY_CREATE, "created key version 1")
                        .chain(this::reload);
            }
            KeyRing ring = cached;
            return ring != null && ring.activeVersion() == active.version() ? Uni.createFrom().item(ring) : reload();
        });
    }

    /** A ring that holds {@code version}; fails when that version is retired or unknown. */
    public Uni<KeyRing> forReading(int version) {
        master();
        KeyRing ring = cached;
        if (ring != null && ring.has(version)) {
            return Uni.createFrom().item(ring);
        }
        return reload().invoke(loaded -> {
            if (!loaded.has(version)) {
                throw new SecretCryptoException("key version " + version + " is retired or unknown");
            }
        });
    }

    /** The ring as the database has it now, or null when no key version exists yet. */
    public Uni<KeyRing> current() {
        master();
        return versions.findActive().chain(active -> active == null ? Uni.createFrom().nullItem() : reload());
    }

    /** Creates the next version and makes it active; the previous active one stays to open older secrets. */
    public Uni<KeyVersion> rotate(Caller caller) {
        MasterKey key = master();
        return versions.findActive().chain(previous -> versions.maxVersion().chain(max -> {
            int next = max + 1;
            if (previous != null) {
                previous.supersede();
            }
            // The superseded row must be written before the new active one (one active version, enforced).
            return versions.flush().chain(() -> create(key, next, caller, AuditEntry.KEY_ROTATE,
                    previous == null ? "activated key version " + next
                            : "activated key version " + next + ", superseding " + previous.version()));
        })).invoke(ignored -> cached = null);
    }

    /** Drops cached material after a retirement, so this instance no longer holds it. */
    public void forget() {
        cached = null;
    }

    private Uni<KeyVersion> create(MasterKey key, int version, Caller caller, String action, String detail) {
        byte[] kek = MasterKey.newKek();
        String sealed = key.sealKek(version, kek);
        Arrays.fill(kek, (byte) 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KeyVersion created = new KeyVersion(version, sealed, now, caller.actor());
        return versions.persist(created)
                .call(() -> audits.persist(AuditEntry.keyEvent(action, now, caller.actor(), caller.requestId(),
                        detail)))
                .invoke(() -> LOG.infof("%s by %s", detail, caller.actor()));
    }

    private Uni<KeyRing> reload() {
        MasterKey key = master();
        return versions.flush().chain(() -> versions.listAll()).map(all -> {
            KeyRing ring = unseal(key, all);
            cached = ring;
            return ring;
        });
    }

    private static KeyRing unseal(MasterKey key, List<KeyVersion> all) {
        Map<Integer, byte[]> keks = new HashMap<>();
        Integer active = null;
        for (KeyVersion version : all) {
            if (version.state() == KeyVersion.State.RETIRED) {
                continue;
            }
            keks.put(version.version(), key.unsealKek(version.version(), version.sealedKey()));
            if (version.state() == KeyVersion.State.ACTIVE) {
                active = version.version();
            }
        }
        if (active == null) {
            throw new SecretCryptoException("no active key version");
        }
        KeyRing ring = new KeyRing(keks, active);
        keks.values().forEach(material -> Arrays.fill(material, (byte) 0));
        return ring;
    }

    private MasterKey master() {
        return master.orElseThrow(() -> new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "secret settings are unavailable: " + unavailable())));
    }
}
