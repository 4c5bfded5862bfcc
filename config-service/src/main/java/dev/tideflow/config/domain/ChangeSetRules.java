package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Violations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change-set must look like before anything is read or written: every entry a valid address, a value
 * unless it deletes, no setting twice. Each violation names its entry ({@code changes[3]: …}), and every one is
 * listed, so one 400 answer tells the caller all there is to fix.
 */
public final class ChangeSetRules {

    /** A change-set is one transaction and one topic burst; larger edits are split by the caller. */
    public static final int MAX_CHANGES = 1000;

    private ChangeSetRules() {
    }

    /** The items of {@code entries}, in order; adds to {@code check} (and returns what it could read) if any breaks. */
    public static List<ChangeItem> items(List<ChangeSetEntry> entries, Violations check) {
        if (entries == null || entries.isEmpty()) {
            check.add("'changes' must list at least one change");
            return List.of();
        }
        if (entries.size() > MAX_CHANGES) {
            check.add("'changes' lists " + entries.size() + " changes, at most " + MAX_CHANGES + " are allowed");
            return List.of();
        }
        List<ChangeItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "changes[" + i + "]: ";
            ChangeSetEntry entry = entries.get(i);
            if (entry == null) {
                check.add(at + "must be an object");
                continue;
            }
            Violations found = new Violations();
            ConfigScope scope = scope(entry.scope(), found);
            SettingRules.key(entry.key(), found);
            boolean delete = Boolean.TRUE.equals(entry.delete());
            if (delete) {
                if (entry.value() != null || entry.secret() != null) {
                    found.add("a deletion carries no 'value' or 'secret'");
                }
            } else {
                SettingRules.value(entry.value(), found);
            }
            found.list().forEach(violation -> check.add(at + violation));
            if (!found.isEmpty()) {
                continue;
            }
            ChangeItem item = delete ? ChangeItem.deletion(scope, entry.key())
                    : ChangeItem.assign(scope, entry.key(), entry.value(), entry.secret());
            Integer earlier = seen.putIfAbsent(item.address(), i);
            if (earlier != null) {
                check.add(at + "'" + item.address() + "' is already changed by changes[" + earlier
                        + "]; a change-set sets each setting once");
                continue;
            }
            items.add(item);
        }
        return items;
    }

    /** {@code global} or {@code <type>/<name>}; null (with the reason in {@code check}) when invalid. */
    public static ConfigScope scope(String path, Violations check) {
        if (!check.required("scope", path)) {
            return null;
        }
        int slash = path.indexOf('/');
        return slash < 0 ? SettingRules.scope(path, null, check)
                : SettingRules.scope(path.substring(0, slash), path.substring(slash + 1), check);
    }
}
