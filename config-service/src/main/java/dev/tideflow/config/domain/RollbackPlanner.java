package dev.tideflow.config.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to write so that every setting is back to its value at an earlier revision: settings that did not exist
 * then are deleted, settings whose value differs are restored from the history entry in force then, settings
 * already equal are left alone. A secret counts as equal only while it is still the very entry of that revision
 * (comparing its plaintext would mean decrypting it for nothing).
 */
public final class RollbackPlanner {

    /** @param restore the history entry to restore; null to delete the setting */
    public record Step(String address, Setting current, SettingChange restore) {

        public boolean delete() {
            return restore == null;
        }
    }

    private RollbackPlanner() {
    }

    /**
     * @param then    for every setting that existed up to the target revision, its entry in force at it
     * @param current every setting as it is now
     * @return the steps, by address
     */
    public static List<Step> plan(List<SettingChange> then, List<Setting> current) {
        Map<String, SettingChange> thenByAddress = new TreeMap<>();
        then.forEach(change -> thenByAddress.put(change.address().toString(), change));
        Map<String, Step> steps = new TreeMap<>();
        for (Setting setting : current) {
            String address = setting.address().toString();
            SettingChange entry = thenByAddress.get(address);
            if (entry == null || entry.deleted()) {
                steps.put(address, new Step(address, setting, null));
            } else if (!same(setting, entry)) {
                steps.put(address, new Step(address, setting, entry));
            }
        }
        Set<String> existing = new HashSet<>();
        current.forEach(setting -> existing.add(setting.address().toString()));
        thenByAddress.forEach((address, entry) -> {
            if (!existing.contains(address) && !entry.deleted()) {
                steps.put(address, new Step(address, null, entry));
            }
        });
        return new ArrayList<>(steps.values());
    }

    private static boolean same(Setting setting, SettingChange entry) {
        if (setting.secret() != entry.secret()) {
            return false;
        }
        return setting.secret() ? setting.revision() == entry.revision()
                : Objects.equals(setting.storedValue(), entry.storedValue());
    }
}
