package dev.tideflow.policy.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tideflow.contracts.Violations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ScalingRuleJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aThresholdRuleReadsAndWritesWithItsType() throws Exception {
        ScalingRule rule = mapper.readValue("""
                {"type":"threshold","scaleUpThreshold":80,"scaleDownThreshold":30,"scaleUpBy":2}""",
                ScalingRule.class);

        assertEquals(new ThresholdRule(80.0, 30.0, 2, 1), rule);
        assertEquals("""
                {"type":"threshold","scaleUpThreshold":80.0,"scaleDownThreshold":30.0,"scaleUpBy":2,"scaleDownBy":1}""",
                mapper.writeValueAsString(rule));
    }

    @Test
    void anUnknownTypeIsReadSoThatValidationCanNameIt() throws Exception {
        ScalingRule rule = mapper.readValue("{\"type\":\"magic\",\"x\":1}", ScalingRule.class);
        Violations check = new Violations();
        rule.validate(check);

        assertInstanceOf(UnknownRule.class, rule);
        assertEquals(List.of("unknown rule type 'magic' (known types: threshold, thresholds, targetTracking)"),
                check.list());
    }

    @Test
    void aMissingTypeIsReported() throws Exception {
        ScalingRule rule = mapper.readValue("{\"scaleUpThreshold\":80}", ScalingRule.class);
        Violations check = new Violations();
        rule.validate(check);

        assertEquals(List.of("'rule.type' is required (known types: threshold, thresholds, targetTracking)"),
                check.list());
    }

    @Test
    void aTargetTrackingRuleReadsAndWritesWithItsType() throws Exception {
        ScalingRule rule = mapper.readValue("""
                {"type":"targetTracking","metrics":[{"name":"cpu","target":{"type":"Utilization",\
                "averageUtilization":60}}],"tolerance":0.05}""", ScalingRule.class);

        assertEquals(new TargetTrackingRule(List.of(new TargetTrackingRule.Metric("cpu",
                MetricTargetSpec.utilization(60))), 0.05), rule);
        assertEquals("""
                {"type":"targetTracking","metrics":[{"name":"cpu","target":{"type":"Utilization",\
                "averageUtilization":60.0}}],"tolerance":0.05}""", mapper.writeValueAsString(rule));
    }
}
