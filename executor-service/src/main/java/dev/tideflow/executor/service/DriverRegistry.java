package dev.tideflow.executor.service;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.config.ExecutorConfig;
import dev.tideflow.executor.config.ExecutorSettings;
import dev.tideflow.executor.driver.DryRunDriver;
import dev.tideflow.executor.driver.ProcessDriver;
import dev.tideflow.executor.driver.ScalingDriver;
import dev.tideflow.executor.driver.UnknownDriverException;
import dev.tideflow.executor.repository.ScalingActionRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The drivers this executor has, by name, and the one that handles targets nobody registered. */
@ApplicationScoped
public class DriverRegistry {

    private static final Logger LOG = Logger.getLogger(DriverRegistry.class);

    private final Map<String, ScalingDriver> drivers = new TreeMap<>();
    private final DryRunDriver dryRun = new DryRunDriver();
    private final ExecutorSettings settings;
    private final ScalingActionRepository actions;

    /** @param platformDrivers drivers for other platforms, contributed as CDI beans beside the built-in two */
    DriverRegistry(ExecutorConfig config, ExecutorSettings settings, ScalingActionRepository actions,
            @Any Instance<ScalingDriver> platformDrivers) {
        this.settings = settings;
        this.actions = actions;
        add(dryRun);
        add(new ProcessDriver(config.process().stateDir(), settings::processStopGrace,
                settings::processMaxReplicas));
        platformDrivers.forEach(this::add);
        require(settings.defaultDriver());
    }

    private void add(ScalingDriver driver) {
        ScalingDriver clash = drivers.putIfAbsent(driver.name(), driver);
        if (clash != null) {
            throw new IllegalStateException("two drivers are named '" + driver.name() + "': "
                    + clash.getClass().getName() + " and " + driver.getClass().getName());
        }
    }

    /** Before decisions flow, the dry-run driver learns the counts and requests it reported before the restart. */
    void seedDryRun(@Observes @Priority(10) StartupEvent event) throws Throwable {
        Map<String, Integer> last = VertxContextSupport.subscribeAndAwait(
                () -> actions.lastSucceededReplicas(DryRunDriver.NAME));
        last.forEach(dryRun::remember);
        Map<String, ResourceRequests> requests = VertxContextSupport.subscribeAndAwait(
                () -> actions.lastSucceededRequests(DryRunDriver.NAME));
        requests.forEach(dryRun::remember);
        LOG.infof("drivers %s ready (default %s); dry-run counts restored for %d target(s), requests for %d",
                names(), defaultDriver(), last.size(), requests.size());
    }

    public Optional<ScalingDriver> find(String name) {
        return Optional.ofNullable(drivers.get(name));
    }

    public ScalingDriver require(String name) {
        ScalingDriver driver = drivers.get(name);
        if (driver == null) {
            throw new UnknownDriverException(name, names());
        }
        return driver;
    }

    /** Known driver names, sorted. */
    public List<String> names() {
        return List.copyOf(drivers.keySet());
    }

    /** The driver for targets nobody registered, as the live setting names it now. */
    public String defaultDriver() {
        return settings.defaultDriver();
    }
}
