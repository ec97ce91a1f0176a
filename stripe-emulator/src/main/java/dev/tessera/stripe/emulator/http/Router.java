package dev.tessera.stripe.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@code METHOD /v1/...} to handlers. Patterns are literal segments and {@code {name}}
 * variables; when two routes match, the one with more literal segments wins, so
 * {@code /v1/checkout/sessions/{id}/expire} beats {@code /v1/checkout/sessions/{id}/{x}}.
 */
public final class Router {

  /** Handles one call and returns the response object (the dispatcher copies it). */
  @FunctionalInterface
  public interface Handler {
    JsonNode handle(Call call);
  }

  record Route(String method, String[] segments, int literals, Handler handler) {}

  record Match(Handler handler, Map<String, String> vars) {}

  private final List<Route> routes = new ArrayList<>();

  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  private Router add(String method, String pattern, Handler handler) {
    String[] segments = split(pattern);
    int literals = 0;
    for (String s : segments) {
      if (!s.startsWith("{")) {
        literals++;
      }
    }
    routes.add(new Route(method, segments, literals, handler));
    return this;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.split("/", -1);
  }

  Match match(String method, String path) {
    String[] actual = split(path);
    Match best = null;
    int bestLiterals = -1;
    for (Route r : routes) {
      if (!r.method.equals(method) || r.segments.length != actual.length || r.literals <= bestLiterals) {
        continue;
      }
      Map<String, String> vars = new HashMap<>();
      boolean ok = true;
      for (int i = 0; i < actual.length && ok; i++) {
        String seg = r.segments[i];
        if (seg.startsWith("{")) {
          if (actual[i].isEmpty()) {
            ok = false;
          } else {
            vars.put(seg.substring(1, seg.length() - 1), actual[i]);
          }
        } else {
          ok = seg.equals(actual[i]);
        }
      }
      if (ok) {
        best = new Match(r.handler, vars);
        bestLiterals = r.literals;
      }
    }
    return best;
  }
}
