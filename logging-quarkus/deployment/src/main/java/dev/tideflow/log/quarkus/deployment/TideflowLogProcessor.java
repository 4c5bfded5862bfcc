package dev.tideflow.log.quarkus.deployment;

import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.quarkus.InstalledLogger;
import dev.tideflow.log.quarkus.ScalingLoggerHealthCheck;
import dev.tideflow.log.quarkus.ScalingLoggerMetrics;
import dev.tideflow.log.quarkus.TideflowLogRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LogHandlerBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.metrics.MetricsFactory;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Installs the Tideflow logging core: at runtime init the recorder starts the logger over its rotating file sink,
 * the handler feeding it joins Quarkus' root handlers (next to the console handler, not instead of it), the logger
 * becomes a bean, and the health check and meters are added when their extensions are present.
 */
class TideflowLogProcessor {

    private static final String FEATURE = "tideflow-logging";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void install(TideflowLogRecorder recorder, ShutdownContextBuildItem shutdown,
            BuildProducer<LogHandlerBuildItem> handlers, BuildProducer<SyntheticBeanBuildItem> beans) {
        RuntimeValue<InstalledLogger> installed = recorder.start(shutdown);
        handlers.produce(new LogHandlerBuildItem(recorder.handler(installed)));
        beans.produce(SyntheticBeanBuildItem.configure(InstalledLogger.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.installed(installed))
                .done());
        beans.produce(SyntheticBeanBuildItem.configure(ScalingLogger.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.logger(installed))
                .done());
    }

    @BuildStep
    void optionalBeans(Capabilities capabilities, Optional<MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ScalingLoggerHealthCheck.class));
        }
        if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ScalingLoggerMetrics.class));
        }
    }
}
