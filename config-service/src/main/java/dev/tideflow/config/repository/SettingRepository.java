package dev.tideflow.config.repository;

import dev.tideflow.config.domain.ScopeColumns;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingId;
import dev.tideflow.contracts.ConfigScope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

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
}
