package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.KeyVersion;
import dev.tideflow.config.domain.KeyVersionSummary;

import java.util.List;

/**
 * Every key version, oldest first.
 *
 * @param active          the version new secrets are encrypted under; absent before the first secret
 * @param pendingRewrap   secrets (current and history) not yet under the active version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeysView(Integer active, long pendingRewrap, List<KeyVersionView> versions) {

    static KeysView of(List<KeyVersionSummary> summaries) {
        Integer active = summaries.stream().filter(s -> s.version().state() == KeyVersion.State.ACTIVE)
                .map(s -> s.version().version()).findFirst().orElse(null);
        long pending = summaries.stream().filter(s -> s.version().state() != KeyVersion.State.ACTIVE)
                .mapToLong(KeyVersionSummary::protects).sum();
        return new KeysView(active, pending, summaries.stream().map(KeyVersionView::of).toList());
    }
}
