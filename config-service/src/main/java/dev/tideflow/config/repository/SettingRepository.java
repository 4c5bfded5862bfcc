package dev.tideflow.config.repository;

import dev.tideflow.config.domain.ScopeColumns;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingId;
import dev.tideflow.contracts.ConfigScope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SettingRepository implements PanacheRepositoryBase<Setting, SettingId> {

    public Uni<Setting> find(ConfigScope scope, String key) {
        return findById(new SettingId(scope, key));
    }

    public Uni<List<Setting>> listByScope(ConfigScope scope) {
        return listByScopes(List.of(scope));
    }

    public Uni<List<Setting>> listByScopes(List<ConfigScope> scopes) {
        if (scopes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder query = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (ConfigScope scope : scopes) {
            if (!query.isEmpty()) {
                query.append(" or ");
            }
            query.append("(scopeType = ?").append(parameters.size() + 1)
                    .append(" and scopeName = ?").append(parameters.size() + 2).append(')');
            parameters.add(ScopeColumns.type(scope));
            parameters.add(ScopeColumns.name(scope));
        }
        return list(query.toString(), parameters.toArray());
    }

    /** Every secret, and every setting whose value may hold a template: what a write's template check needs. */
    public Uni<List<Setting>> listSecretsAndTemplates() {
        return list("secret = true or value like ?1", "%${%");
    }

    /** Secrets whose ciphertext is under another key version than {@code version}. */
    public Uni<List<Setting>> listSecretsNotUnder(int version, int limit) {
        return find("kekVersion is not null and kekVersion <> ?1", version).range(0, limit - 1).list();
    }

    /** How many current secrets each key version protects. */
    public Uni<Map<Integer, Long>> countByKeyVersion() {
        return getSession().chain(session -> session.createQuery(
                        "select s.kekVersion, count(s) from Setting s where s.kekVersion is not null"
                                + " group by s.kekVersion", Object[].class)
                .getResultList()).map(SettingRepository::counts);
    }

    static Map<Integer, Long> counts(List<Object[]> rows) {
        Map<Integer, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }
}
