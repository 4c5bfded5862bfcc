package dev.tideflow.executor.driver;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DryRunDriverTest {

    private final DryRunDriver driver = new DryRunDriver();
    private final Target shop = new Target("demo", "shop", DryRunDriver.NAME, List.of(), null);
    private final Target cart = new Target("demo", "cart", DryRunDriver.NAME, List.of(), null);

    @Test
    void reportsZeroForATargetItNeverScaled() {
        assertEquals(0, driver.currentReplicas(shop));
    }

    @Test
    void reportsTheLastDesiredCountPerTarget() {
        assertEquals(4, driver.scale(shop, 4));
        assertEquals(2, driver.scale(cart, 2));
        assertEquals(1, driver.scale(shop, 1));

        assertEquals(1, driver.currentReplicas(shop));
        assertEquals(2, driver.currentReplicas(cart));
    }

    @Test
    void seededCountIsReportedUntilTheNextScale() {
        driver.remember("demo/shop", 7);
        assertEquals(7, driver.currentReplicas(shop));

        driver.scale(shop, 3);
        assertEquals(3, driver.currentReplicas(shop));
    }

    @Test
    void refusesNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> driver.scale(shop, -1));
    }

    @Test
    void recordsTheRequestsPerTargetResourceByResource() {
        assertTrue(driver.setsRequests());
        assertNull(driver.currentRequests(shop));

        assertEquals(ResourceRequests.of(500, null), driver.applyRequests(shop, ResourceRequests.of(500, null)));
        assertEquals(ResourceRequests.of(500, 1024), driver.applyRequests(shop, ResourceRequests.of(null, 1024)));
        driver.applyRequests(cart, ResourceRequests.of(100, 128));

        assertEquals(ResourceRequests.of(500, 1024), driver.currentRequests(shop));
        assertEquals(ResourceRequests.of(100, 128), driver.currentRequests(cart));
        driver.scale(shop, 3);
        assertEquals(ResourceRequests.of(500, 1024), driver.currentRequests(shop), "scaling keeps the requests");
    }

    @Test
    void seededRequestsAreReportedAndInvalidOnesRefused() {
        driver.remember("demo/shop", ResourceRequests.of(250, 256));
        assertEquals(ResourceRequests.of(250, 256), driver.currentRequests(shop));

        assertThrows(IllegalArgumentException.class, () -> driver.applyRequests(shop, ResourceRequests.of(-1, null)));
        assertEquals(ResourceRequests.of(250, 256), driver.currentRequests(shop));
    }
}
