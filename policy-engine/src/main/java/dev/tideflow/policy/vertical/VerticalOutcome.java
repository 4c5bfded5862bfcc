package dev.tideflow.policy.vertical;

import java.util.List;

/**
 * A vertical or mixed policy's answer for one evaluation.
 *
 * @param resources    one recommendation per resource whose utilization was read
 * @param holdReplicas true when the replica count must stay: always in vertical mode; in mixed mode while a request
 *                     can still move the way the load asks
 */
public record VerticalOutcome(ScalingMode mode, List<ResourceRecommendation> resources, boolean holdReplicas,
        String summary) {

    public VerticalOutcome {
        resources = List.copyOf(resources);
    }
}
