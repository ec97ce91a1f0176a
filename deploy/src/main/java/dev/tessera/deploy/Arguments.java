package dev.tessera.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --flag}, {@code --name value}, {@code --name=value} and positional arguments of one command. */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positionals = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param flagNames options without a value
     * @param valueNames options that take a value
     * @throws CliException for an unknown option or a missing value
     */
    static Arguments parse(List<String> raw, Set<String> flagNames, Set<String> valueNames) {
        Arguments arguments = new Arguments();
        for (int i = 0; i < raw.size(); i++) {
            String argument = raw.get(i);
            if (!argument.startsWith("--")) {
                arguments.positionals.add(argument);
                continue;
            }
            String name = argument.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flagNames.contains(name) && value == null) {
                arguments.flags.add(name);
            } else if (valueNames.contains(name)) {
                if (value == null) {
                    if (i + 1 >= raw.size()) {
                        throw new CliException("--" + name + " needs a value");
                    }
                    value = raw.get(++i);
                }
                arguments.values.put(name, value);
            } else {
                throw new CliException("Unknown option " + argument);
            }
        }
        return arguments;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isBlank());
    }

    /** A comma-separated option as a list; empty when absent. */
    List<String> list(String name) {
        return value(name).map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** An integer option, else the environment variable, else the default. */
    int integer(String name, String environmentVariable, int defaultValue) {
        Optional<String> text = value(name).or(() -> Optional.ofNullable(System.getenv(environmentVariable)))
                .filter(value -> !value.isBlank());
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " (or " + environmentVariable + ") must be a number: " + text.get());
        }
    }

    void requireNoPositionals(String command) {
        if (!positionals.isEmpty()) {
            throw new CliException(command + " takes only options (--name value); unexpected: " + String.join(" ", positionals));
        }
    }

    List<String> positionals() {
        return positionals;
    }
}
