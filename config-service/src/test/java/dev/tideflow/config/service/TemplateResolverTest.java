package dev.tideflow.config.service;

import dev.tideflow.config.service.TemplateResolver.Entry;
import dev.tideflow.config.service.TemplateResolver.Resolved;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateResolverTest {

    private final TemplateResolver resolver = new TemplateResolver(Map.of("TIDEFLOW_PUBLIC_REGION", "eu-1")::get);

    @Test
    void referencesDefaultsAndEnvironmentAreResolved() {
        SortedMap<String, Resolved> resolved = resolver.resolve(Map.of(
                "host", plain("db.internal"),
                "port", plain("5432"),
                "url", plain("postgresql://${host}:${port}/${db.name:tideflow}"),
                "region", plain("${env:TIDEFLOW_PUBLIC_REGION}"),
                "zone", plain("${env:TIDEFLOW_PUBLIC_ZONE:a}-${region}"),
                "literal", plain("costs $5, written $${x}")));

        assertEquals("postgresql://db.internal:5432/tideflow", value(resolved, "url"));
        assertEquals("eu-1", value(resolved, "region"));
        assertEquals("a-eu-1", value(resolved, "zone"));
        assertEquals("costs $5, written ${x}", value(resolved, "literal"));
        resolved.values().forEach(r -> assertEquals(List.of(), r.problems()));
    }

    @Test
    void chainsResolveThroughSeveralLevels() {
        SortedMap<String, Resolved> resolved = resolver.resolve(Map.of(
                "a", plain("${b}${b}"), "b", plain("${c}-${c}"), "c", plain("x")));
        assertEquals("x-xx-x", value(resolved, "a"));
    }

    @Test
    void aSecretIsNeverInterpolatedIntoANonSecretValue() {
        SortedMap<String, Resolved> resolved = resolver.resolve(Map.of(
                "password", new Entry("hunter2", true),
                "dsn", plain("user:${password}@db"),
                "dsn.default", plain("user:${password:none}@db"),
                "secret.template", new Entry("${password}", true)));

        assertEquals("user:${password}@db", value(resolved, "dsn"));
        assertTrue(resolved.get("dsn").problems().get(0).contains("secret"), resolved.get("dsn").problems()::toString);
        assertEquals("user:${password:none}@db", value(resolved, "dsn.default"), "not even the default hides it");
        assertEquals("${password}", value(resolved, "secret.template"), "secrets are opaque, never parsed");
        assertEquals("hunter2", value(resolved, "password"));
    }

    @Test
    void unresolvableReferencesStayAsWrittenAndAreReported() {
        TemplateResolver noEnvironment = new TemplateResolver(name -> null);
        SortedMap<String, Resolved> resolved = noEnvironment.resolve(Map.of(
                "a", plain("${missing}/${env:TIDEFLOW_CONFIG_MASTER_KEY}"),
                "b", plain("${a}"),
                "broken", plain("${unterminated")));

        assertEquals("${missing}/${env:TIDEFLOW_CONFIG_MASTER_KEY}", value(resolved, "a"));
        assertEquals(List.of("no setting 'missing'",
                "environment variable 'TIDEFLOW_CONFIG_MASTER_KEY' is not set or not exposed"),
                resolved.get("a").problems());
        assertEquals(2, resolved.get("b").problems().size());
        assertTrue(resolved.get("b").problems().get(0).startsWith("via 'a': "));
        assertEquals("${unterminated", value(resolved, "broken"));
        assertTrue(resolved.get("broken").problems().get(0).contains("unterminated"));
    }

    @Test
    void aCycleIsReportedNotFollowed() {
        SortedMap<String, Resolved> resolved = resolver.resolve(Map.of(
                "a", plain("${b}"), "b", plain("${c}"), "c", plain("${a}"), "self", plain("x${self}")));

        for (String key : List.of("a", "b", "c")) {
            assertTrue(value(resolved, key).matches("\\$\\{[abc]}"), key + " = " + value(resolved, key));
            assertTrue(resolved.get(key).problems().stream().anyMatch(p -> p.contains("cycle: ")),
                    resolved.get(key).problems()::toString);
        }
        assertEquals("x${self}", value(resolved, "self"));
        assertTrue(resolved.get("self").problems().get(0).contains("cycle: self -> self"));
    }

    @Test
    void referencesAreListedAndBadSyntaxRefused() {
        assertEquals(Set.of("a", "b.c"), TemplateResolver.references("${a}-${env:HOME}-${b.c:d}-$${e}"));
        assertEquals(Set.of(), TemplateResolver.references("plain"));
        for (String bad : List.of("${", "${Upper}", "${}", "${env:1X}", "x ${a")) {
            assertThrows(TemplateException.class, () -> TemplateResolver.references(bad), bad);
        }
    }

    @Test
    void cyclesAreFoundThroughAnyPath() {
        Map<String, Set<String>> graph = new HashMap<>();
        graph.put("a", Set.of("b", "x"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("x", Set.of("y"));

        assertEquals(Optional.of(List.of("a", "b", "c", "a")), TemplateResolver.cycleThrough("a", graph));
        assertEquals(Optional.empty(), TemplateResolver.cycleThrough("x", graph));
        assertEquals(Optional.of(List.of("s", "s")), TemplateResolver.cycleThrough("s", Map.of("s", Set.of("s"))));
    }

    private static Entry plain(String value) {
        return new Entry(value, false);
    }

    private static String value(Map<String, Resolved> resolved, String key) {
        return resolved.get(key).value();
    }
}
