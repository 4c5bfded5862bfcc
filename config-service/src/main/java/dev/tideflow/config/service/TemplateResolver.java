package dev.tideflow.config.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves templates in setting values: {@code ${key}} (another setting of the same effective view),
 * {@code ${key:default}} (the default when the setting is absent), {@code ${env:NAME}} and
 * {@code ${env:NAME:default}} (an environment variable the service is allowed to expose), and <code>$${</code> for
 * a literal <code>${</code>. Defaults are literal text (no nesting).
 *
 * <p>Secrets are opaque: a secret's value is never parsed, and a reference from a non-secret value to a secret
 * is refused, so a secret cannot leak into a value every viewer reads. A reference that cannot be resolved
 * (absent without default, secret, cycle, environment variable not set or not allowed) is left in place as
 * written and reported, rather than silently replaced.
 */
public final class TemplateResolver {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,255}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** A setting as the resolver sees it. */
    public record Entry(String value, boolean secret) {
    }

    /** A resolved value; {@code problems} names every reference left unresolved. */
    public record Resolved(String value, List<String> problems) {
    }

    /** One {@code ${…}} of a template, or literal text when {@code name} is null. */
    record Part(String text, String name, boolean env, String defaultValue) {

        boolean literal() {
            return name == null;
        }
    }

    private final Function<String, String> environment;

    /** @param environment reads an environment variable the service may expose; null when unset or not allowed */
    public TemplateResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The setting keys a template refers to (not environment variables); fails on malformed syntax. */
    public static Set<String> references(String template) {
        Set<String> keys = new LinkedHashSet<>();
        for (Part part : parse(template)) {
            if (!part.literal() && !part.env()) {
                keys.add(part.name());
            }
        }
        return keys;
    }

    /**
     * A cycle through {@code start}, as the path of keys from it back to it, in a graph of references.
     *
     * @param references the keys each key's value refers to
     */
    public static Optional<List<String>> cycleThrough(String start, Map<String, Set<String>> references) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.push(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.pop();
            String last = path.get(path.size() - 1);
            for (String next : references.getOrDefault(last, Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return Optional.of(longer);
                }
                if (seen.add(next)) {
                    paths.push(longer);
                }
            }
        }
        return Optional.empty();
    }

    /** Resolves every non-secret value; secrets are returned as they are. */
    public SortedMap<String, Resolved> resolve(Map<String, Entry> settings) {
        SortedMap<String, Resolved> resolved = new TreeMap<>();
        Map<String, Resolved> memo = new HashMap<>();
        for (String key : settings.keySet()) {
            resolved.put(key, resolve(key, settings, memo, new LinkedHashSet<>()));
        }
        return resolved;
    }

    private Resolved resolve(String key, Map<String, Entry> settings, Map<String, Resolved> memo,
            LinkedHashSet<String> resolving) {
        Resolved done = memo.get(key);
        if (done != null) {
            return done;
        }
        Entry entry = settings.get(key);
        if (entry.secret() || !entry.value().contains("$")) {
            Resolved literal = new Resolved(entry.value(), List.of());
            memo.put(key, literal);
            return literal;
        }
        List<Part> parts;
        try {
            parts = parse(entry.value());
        } catch (TemplateException e) {
            Resolved malformed = new Resolved(entry.value(), List.of(e.getMessage()));
            memo.put(key, malformed);
            return malformed;
        }
        resolving.add(key);
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        for (Part part : parts) {
            if (part.literal()) {
                out.append(part.text());
            } else if (part.env()) {
                String value = environment.apply(part.name());
                if (value != null) {
                    out.append(value);
                } else if (part.defaultValue() != null) {
                    out.append(part.defaultValue());
                } else {
                    out.append(part.text());
                    problems.add("environment variable '" + part.name() + "' is not set or not exposed");
                }
            } else {
                out.append(reference(key, part, settings, memo, resolving, problems));
            }
        }
        resolving.remove(key);
        Resolved result = new Resolved(out.toString(), List.copyOf(problems));
        // A value cut short by a cycle depends on where the walk started; cache it only at the top.
        if (resolving.isEmpty() || problems.stream().noneMatch(p -> p.contains("cycle: "))) {
            memo.put(key, result);
        }
        return result;
    }

    private String reference(String key, Part part, Map<String, Entry> settings, Map<String, Resolved> memo,
            LinkedHashSet<String> resolving, List<String> problems) {
        Entry target = settings.get(part.name());
        if (target == null) {
            if (part.defaultValue() != null) {
                return part.defaultValue();
            }
            problems.add("no setting '" + part.name() + "'");
            return part.text();
        }
        if (target.secret()) {
            problems.add("'" + part.name() + "' is a secret and is never interpolated into a non-secret value");
            return part.text();
        }
        if (resolving.contains(part.name())) {
            List<String> cycle = new ArrayList<>(resolving);
            cycle = cycle.subList(cycle.indexOf(part.name()), cycle.size());
            problems.add("cycle: " + String.join(" -> ", cycle) + " -> " + part.name());
            return part.text();
        }
        Resolved inner = resolve(part.name(), settings, memo, resolving);
        for (String problem : inner.problems()) {
            problems.add("via '" + part.name() + "': " + problem);
        }
        return inner.value();
    }

    static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (template.startsWith("${", i)) {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    throw new TemplateException("unterminated '${' at offset " + i);
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), null, false, null));
                    literal.setLength(0);
                }
                parts.add(placeholder(template.substring(i, end + 1)));
                i = end + 1;
            } else {
                literal.append(template.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), null, false, null));
        }
        return parts;
    }

    private static Part placeholder(String text) {
        String body = text.substring(2, text.length() - 1);
        boolean env = body.startsWith("env:");
        String rest = env ? body.substring(4) : body;
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        String defaultValue = colon < 0 ? null : rest.substring(colon + 1);
        if (env && !ENV_NAME.matcher(name).matches()) {
            throw new TemplateException("'" + text + "' does not name an environment variable");
        }
        if (!env && !KEY.matcher(name).matches()) {
            throw new TemplateException("'" + text + "' does not name a setting key (lower case letters, digits"
                    + " and . _ -)");
        }
        return new Part(text, name, env, defaultValue);
    }
}
