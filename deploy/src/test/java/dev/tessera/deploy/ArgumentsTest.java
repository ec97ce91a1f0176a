package dev.tessera.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void parsesFlagsValuesListsAndPositionals() {
        Arguments arguments = Arguments.parse(List.of("membership-service", "--dry-run", "--types=a, b", "--port", "7",
                "stripe.billing"), Set.of("dry-run"), Set.of("types", "port"));

        assertThat(arguments.flag("dry-run")).isTrue();
        assertThat(arguments.list("types")).containsExactly("a", "b");
        assertThat(arguments.integer("port", "TESSERA_TEST_UNSET_VARIABLE", 1)).isEqualTo(7);
        assertThat(arguments.integer("other", "TESSERA_TEST_UNSET_VARIABLE", 1)).isEqualTo(1);
        assertThat(arguments.positionals()).containsExactly("membership-service", "stripe.billing");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--nope"), Set.of(), Set.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("Unknown option --nope");
        assertThatThrownBy(() -> Arguments.parse(List.of("--role"), Set.of(), Set.of("role")))
                .isInstanceOf(CliException.class).hasMessageContaining("--role needs a value");
    }
}
