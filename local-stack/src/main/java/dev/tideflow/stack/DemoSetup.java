package dev.tideflow.stack;

/** Registers a demo workload with the executor's process driver and gives it a threshold policy. */
public final class DemoSetup {

    /** The demo workload: a process that does nothing for a day, one per replica. */
    static final String WORKLOAD_COMMAND = "[\"sleep\",\"86400\"]";

    private DemoSetup() {
    }

    public static void registerWorkload(SuiteClient client, Suite suite, String target) {
        client.expectOk(client.put(suite.url(Suite.EXECUTOR) + "/api/targets/" + target,
                "{\"driver\":\"process\",\"command\":" + WORKLOAD_COMMAND + "}"), "registering " + target);
    }

    public static void createPolicy(SuiteClient client, Suite suite, String target) {
        createPolicy(client, suite, target, 75, 30, 1, 5, 15);
    }

    public static void createPolicy(SuiteClient client, Suite suite, String target, double up, double down,
            int min, int max, int cooldownSeconds) {
        String json = "{\"name\":\"" + target.replace('/', '-') + "-cpu\",\"target\":\"" + target + "\","
                + "\"metric\":\"cpu\",\"aggregation\":\"avg\","
                + "\"rule\":{\"type\":\"threshold\",\"scaleUpThreshold\":" + up + ",\"scaleDownThreshold\":" + down
                + ",\"scaleUpBy\":1,\"scaleDownBy\":1},"
                + "\"minReplicas\":" + min + ",\"maxReplicas\":" + max + ",\"cooldownSeconds\":" + cooldownSeconds
                + ",\"enabled\":true}";
        client.expectOk(client.post(suite.url(Suite.POLICY) + "/api/policies", json), "creating a policy for "
                + target);
    }

    /** The workload processes the executor really runs: its {@code sleep} children. */
    public static int runningReplicas(ServiceProcess executor) {
        return (int) executor.handle().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep") || c.equals("sleep")).orElse(false))
                .count();
    }
}
