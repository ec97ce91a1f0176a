package dev.tessera.stripe.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.Pages;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.http.Call;
import java.util.function.Predicate;

/** The common shape of list endpoints: filter the account's objects of a type, newest first, paginate. */
final class Lists {
  private Lists() {}

  static ObjectNode of(Store store, Call call, String type, Predicate<ObjectNode> filter, String url) {
    return Pages.page(store, call.account(), store.list(call.account(), type, filter), call.params(), url);
  }
}
