package dev.tessera.stripe.emulator.http;

import dev.tessera.stripe.emulator.core.Params;
import java.util.Map;

/** One API call as a handler sees it: who (account), what (path variables) and with which parameters. */
public record Call(String method, String path, String account, Params params, Map<String, String> vars) {

  /** A path variable, e.g. {@code {id}}. */
  public String var(String name) {
    return vars.get(name);
  }

  public String id() {
    return vars.get("id");
  }
}
