package dev.tessera.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.FormParser;
import dev.tessera.stripe.emulator.core.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParserTest {

  @Test
  void parsesBracketsArraysAndEncoding() {
    Params p = Params.of(FormParser.parse(
        "name=T%2Dshirt+XL&metadata[order]=42&metadata[0]=zero&line_items[0][price]=price_1&line_items[0][quantity]=2"
            + "&line_items[1][price]=price_2&expand[]=customer&expand[]=line_items&empty="));
    assertThat(p.string("name")).isEqualTo("T-shirt XL");
    assertThat(p.map("metadata").raw()).isEqualTo(Map.of("order", "42", "0", "zero"));
    List<Params> items = p.mapList("line_items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).string("price")).isEqualTo("price_1");
    assertThat(items.get(0).longValue("quantity")).isEqualTo(2L);
    assertThat(items.get(1).name("price")).isEqualTo("line_items[1][price]");
    assertThat(p.stringList("expand")).containsExactly("customer", "line_items");
    assertThat(p.isUnset("empty")).isTrue();
    assertThat(p.string("empty")).isNull();
  }

  @Test
  void indexedArraysAreOrderedNumerically() {
    Params p = Params.of(FormParser.parse("ids[10]=k&ids[2]=c&ids[0]=a"));
    assertThat(p.stringList("ids")).containsExactly("a", "c", "k");
  }

  @Test
  void canonicalFormIgnoresOrder() {
    assertThat(Params.of(FormParser.parse("a=1&b[x]=2&b[y]=3")).canonical())
        .isEqualTo(Params.of(FormParser.parse("b[y]=3&a=1&b[x]=2")).canonical());
  }

  @Test
  void reportsStripeStyleErrors() {
    Params p = Params.of(FormParser.parse("amount=abc&line_items[0][quantity]=x&flag=maybe"));
    assertThatThrownBy(() -> p.longValue("amount")).isInstanceOf(ApiError.class)
        .hasMessage("Invalid integer: abc");
    assertThatThrownBy(() -> p.mapList("line_items").get(0).longValue("quantity"))
        .satisfies(e -> assertThat(((ApiError) e).toJson().at("/error/param").asText())
            .isEqualTo("line_items[0][quantity]"));
    assertThatThrownBy(() -> p.bool("flag")).hasMessage("Invalid boolean: maybe");
    assertThatThrownBy(() -> p.allow("amount")).hasMessage("Received unknown parameter: line_items");
    assertThatThrownBy(() -> p.requireString("name")).hasMessage("Missing required param: name.");
  }
}
