package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Violations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeSetRulesTest {

    @Test
    void validEntriesBecomeItemsInOrder() {
        Violations check = new Violations();
        List<ChangeItem> items = ChangeSetRules.items(List.of(
                new ChangeSetEntry("global", "a", "1", null, null),
                new ChangeSetEntry("environment/prod", "b", "2", true, false),
                new ChangeSetEntry("service/policy-engine", "c", null, null, true)), check);
        assertTrue(check.isEmpty(), check.list().toString());
        assertEquals(List.of(ChangeItem.assign(ConfigScope.GLOBAL, "a", "1", null),
                ChangeItem.assign(new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod"), "b", "2", true),
                ChangeItem.deletion(new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine"), "c")), items);
    }

    @Test
    void everyViolationIsListedWithItsIndex() {
        Violations check = new Violations();
        List<ChangeSetEntry> entries = new ArrayList<>(List.of(
                new ChangeSetEntry("global", "ok", "1", null, null),
                new ChangeSetEntry("planet/earth", "Bad", "1", null, null),
                new ChangeSetEntry("environment/prod", "gone", "x", null, true),
                new ChangeSetEntry(null, "k", " ", null, null),
                new ChangeSetEntry("global", "ok", "2", null, null)));
        entries.add(null);
        ChangeSetRules.items(entries, check);
        List<String> found = check.list();
        assertEquals(7, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("changes[1]: unknown scope 'planet'"), found.get(0));
        assertTrue(found.get(1).startsWith("changes[1]: 'key'"), found.get(1));
        assertEquals("changes[2]: a deletion carries no 'value' or 'secret'", found.get(2));
        assertEquals("changes[3]: 'scope' is required", found.get(3));
        assertEquals("changes[3]: 'value' must not be blank", found.get(4));
        assertTrue(found.get(5).startsWith("changes[4]: 'global/ok' is already changed by changes[0]"));
        assertEquals("changes[5]: must be an object", found.get(6));
    }

    @Test
    void emptyAndOversizedSetsAreRefused() {
        Violations empty = new Violations();
        ChangeSetRules.items(List.of(), empty);
        assertEquals(List.of("'changes' must list at least one change"), empty.list());
        Violations large = new Violations();
        ChangeSetRules.items(Collections.nCopies(ChangeSetRules.MAX_CHANGES + 1,
                new ChangeSetEntry("global", "a", "1", null, null)), large);
        assertEquals(1, large.list().size());
    }
}
