package dev.tessera.stripe.emulator.control;

import static dev.tessera.stripe.emulator.control.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.RequestContext;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Billing;
import dev.tessera.stripe.emulator.domain.Checkout;
import dev.tessera.stripe.emulator.domain.Connect;
import dev.tessera.stripe.emulator.domain.Ledger;
import dev.tessera.stripe.emulator.domain.Money;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The pages a browser sees instead of Stripe's: Checkout (Pay, Decline, Cancel), Connect
 * onboarding and the Express dashboard, receipts and hosted invoices. Plain HTML forms, so they
 * work in any browser and in tests without JavaScript.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HostedPages {
  @Inject Store store;
  @Inject RequestContext context;
  @Inject Checkout checkout;
  @Inject Connect connect;
  @Inject Billing billing;
  @Inject Ledger ledger;
  @Context UriInfo uri;

  private <T> T locked(Supplier<T> work) {
    return store.locked(() -> {
      String base = uri.getBaseUri().toString();
      context.begin(null, null, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
      try {
        return work.get();
      } finally {
        context.end();
      }
    });
  }

  private static Response html(int status, String title, String body) {
    return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .entity(Html.page(title, body)).build();
  }

  private static Response redirect(String url) {
    return Response.seeOther(URI.create(url)).build();
  }

  private static Response notFound(String what) {
    return html(404, "Not found", "<h1>Not found</h1><p>" + esc(what) + "</p>");
  }

  // ---- Checkout

  @GET
  @Path("checkout/{id}")
  public Response checkoutPage(@PathParam("id") String id) {
    return locked(() -> {
      Store.Located s = store.locate(id);
      if (s == null || !"checkout.session".equals(Json.text(s.object(), "object"))) {
        return notFound("No such Checkout Session.");
      }
      return html(200, "Checkout", checkoutBody(s.account(), s.object(), null, null));
    });
  }

  private String checkoutBody(String account, ObjectNode session, String error, String enteredEmail) {
    String id = Json.text(session, "id");
    String currency = Json.text(session, "currency");
    StringBuilder b = new StringBuilder();
    b.append("<h1>Checkout</h1>");
    String status = Json.text(session, "status");
    b.append("<table>");
    for (JsonNode item : checkout.lineItems(id)) {
      String suffix = "";
      JsonNode recurring = item.get("price").get("recurring");
      if (recurring != null && !recurring.isNull()) {
        suffix = " / " + Json.num(recurring, "interval_count") + " " + Json.text(recurring, "interval");
      }
      b.append("<tr><td>").append(esc(Json.text(item, "description"))).append(" &times; ")
          .append(Json.num(item, "quantity")).append("</td><td class=\"r\">")
          .append(esc(Money.format(Json.num(item, "amount_subtotal"), currency) + suffix)).append("</td></tr>");
    }
    long discount = Json.num(session.get("total_details"), "amount_discount");
    if (discount > 0) {
      b.append("<tr><td>Discount</td><td class=\"r\">-").append(esc(Money.format(discount, currency)))
          .append("</td></tr>");
    }
    b.append("<tr class=\"total\"><td>Total due today</td><td class=\"r\" id=\"total\">")
        .append(esc(Money.format(Json.num(session, "amount_total"), currency))).append("</td></tr></table>");
    if (!"open".equals(status)) {
      b.append("<p id=\"status\">This Checkout Session is <strong>").append(esc(status)).append("</strong>.</p>");
      return b.toString();
    }
    if (error != null) {
      b.append("<p class=\"error\" id=\"error\">").append(esc(error)).append("</p>");
    }
    String knownEmail = Json.text(session, "customer_email");
    String customerId = Json.text(session, "customer");
    if (knownEmail == null && customerId != null) {
      ObjectNode customer = store.get(account, "customer", customerId);
      knownEmail = customer == null ? null : Json.text(customer, "email");
    }
    String action = "/checkout/" + esc(id);
    b.append("<form method=\"post\" action=\"").append(action).append("/pay\">");
    b.append("<label>Email<input name=\"email\" type=\"email\" value=\"")
        .append(esc(knownEmail != null ? knownEmail : enteredEmail)).append("\"")
        .append(knownEmail != null ? " readonly" : " required").append("></label>");
    b.append("<label>Name on card<input name=\"name\" value=\"\"></label>");
    b.append("<label>Card<input value=\"4242 4242 4242 4242 &middot; 12/34 &middot; 123\" readonly></label>");
    if (session.get("allow_promotion_codes").asBoolean()) {
      b.append("<label>Promotion code<input name=\"promotion_code\" value=\"\"></label>");
    }
    b.append("<div class=\"buttons\"><button class=\"pay\" type=\"submit\">Pay</button>")
        .append("<button class=\"decline\" type=\"submit\" formaction=\"").append(action)
        .append("/decline\" formnovalidate>Decline</button>")
        .append("<button class=\"cancel\" type=\"submit\" formaction=\"").append(action)
        .append("/cancel\" formnovalidate>Cancel</button></div></form>");
    b.append("<p class=\"muted\">Pay completes the session; Decline simulates a card decline; Cancel returns to the "
        + "merchant and leaves the session open until it expires.</p>");
    return b.toString();
  }

  @POST
  @Path("checkout/{id}/pay")
  public Response checkoutPay(@PathParam("id") String id, @FormParam("email") String email,
      @FormParam("name") String name, @FormParam("promotion_code") String promotionCode) {
    return locked(() -> {
      Store.Located s = store.locate(id);
      if (s == null || !"checkout.session".equals(Json.text(s.object(), "object"))) {
        return notFound("No such Checkout Session.");
      }
      try {
        ObjectNode session = checkout.pay(s.account(), id, new Checkout.Buyer(email, name, promotionCode));
        return redirect(Json.text(session, "success_url").replace("{CHECKOUT_SESSION_ID}", id));
      } catch (ApiError e) {
        return html(400, "Checkout", checkoutBody(s.account(), s.object(), e.getMessage(), email));
      }
    });
  }

  @POST
  @Path("checkout/{id}/decline")
  public Response checkoutDecline(@PathParam("id") String id, @FormParam("email") String email) {
    return locked(() -> {
      Store.Located s = store.locate(id);
      if (s == null || !"checkout.session".equals(Json.text(s.object(), "object"))) {
        return notFound("No such Checkout Session.");
      }
      try {
        checkout.decline(s.account(), id, email, null);
        return html(402, "Checkout", checkoutBody(s.account(), s.object(), "Your card was declined.", email));
      } catch (ApiError e) {
        return html(400, "Checkout", checkoutBody(s.account(), s.object(), e.getMessage(), email));
      }
    });
  }

  /** Leaving the page: back to the merchant; the session stays open until it expires, as at Stripe. */
  @POST
  @Path("checkout/{id}/cancel")
  public Response checkoutCancel(@PathParam("id") String id) {
    return locked(() -> {
      Store.Located s = store.locate(id);
      if (s == null || !"checkout.session".equals(Json.text(s.object(), "object"))) {
        return notFound("No such Checkout Session.");
      }
      String cancelUrl = Json.text(s.object(), "cancel_url");
      if (cancelUrl == null) {
        return html(200, "Checkout", "<h1>Checkout</h1><p>You left the payment page.</p>");
      }
      return redirect(cancelUrl.replace("{CHECKOUT_SESSION_ID}", id));
    });
  }

  // ---- Connect

  @GET
  @Path("connect/onboarding/{token}")
  public Response onboardingPage(@PathParam("token") String token) {
    return locked(() -> {
      Connect.Link link = connect.link(token);
      if (link == null) {
        String refresh = connect.refreshUrlOf(token);
        return refresh != null ? redirect(refresh) : html(410, "Link expired",
            "<h1>This link has expired</h1><p>Ask the platform for a new onboarding link.</p>");
      }
      ObjectNode account = store.get(null, "account", link.account());
      if (account == null) {
        return notFound("No such account.");
      }
      return html(200, "Onboarding", "<h1>Set up payouts</h1><p>Account <code id=\"account\">"
          + esc(link.account()) + "</code>" + (Json.text(account, "email") != null
              ? " &middot; " + esc(Json.text(account, "email")) : "") + "</p>"
          + "<p>Submitting uses test identity and bank details (routing 110000000, account 000123456789).</p>"
          + "<form method=\"post\"><div class=\"buttons\"><button class=\"pay\" type=\"submit\">"
          + "Complete onboarding</button></div></form>");
    });
  }

  @POST
  @Path("connect/onboarding/{token}")
  public Response onboardingSubmit(@PathParam("token") String token) {
    return locked(() -> {
      try {
        String returnUrl = connect.submitOnboarding(token);
        return returnUrl != null ? redirect(returnUrl)
            : html(200, "Onboarding", "<h1>Onboarding complete</h1><p>You can close this page.</p>");
      } catch (ApiError e) {
        String refresh = connect.refreshUrlOf(token);
        return refresh != null ? redirect(refresh) : html(410, "Link expired", "<h1>" + esc(e.getMessage()) + "</h1>");
      }
    });
  }

  @GET
  @Path("connect/express/{account}")
  public Response expressDashboard(@PathParam("account") String accountId) {
    return locked(() -> {
      ObjectNode account = store.get(null, "account", accountId);
      if (account == null) {
        return notFound("No such account.");
      }
      StringBuilder b = new StringBuilder("<h1>Express dashboard</h1><p><code>").append(esc(accountId))
          .append("</code></p><table>");
      ObjectNode balance = ledger.balance(accountId);
      for (JsonNode a : balance.get("available")) {
        b.append("<tr><td>Available</td><td class=\"r\">")
            .append(esc(Money.format(Json.num(a, "amount"), Json.text(a, "currency")))).append("</td></tr>");
      }
      for (JsonNode a : balance.get("pending")) {
        b.append("<tr><td>Pending</td><td class=\"r\">")
            .append(esc(Money.format(Json.num(a, "amount"), Json.text(a, "currency")))).append("</td></tr>");
      }
      b.append("</table><h2>Payouts</h2><table>");
      for (ObjectNode payout : store.list(accountId, "payout")) {
        b.append("<tr><td>").append(esc(Json.text(payout, "id"))).append(" &middot; ")
            .append(esc(Json.text(payout, "status"))).append("</td><td class=\"r\">")
            .append(esc(Money.format(Json.num(payout, "amount"), Json.text(payout, "currency"))))
            .append("</td></tr>");
      }
      b.append("</table>");
      return html(200, "Express dashboard", b.toString());
    });
  }

  // ---- receipts and invoices

  @GET
  @Path("receipts/{charge}")
  public Response receipt(@PathParam("charge") String chargeId) {
    return locked(() -> {
      Store.Located c = store.locate(chargeId);
      if (c == null || !"charge".equals(Json.text(c.object(), "object"))) {
        return notFound("No such receipt.");
      }
      ObjectNode charge = c.object();
      String currency = Json.text(charge, "currency");
      return html(200, "Receipt", "<h1>Receipt</h1><table><tr><td>Amount</td><td class=\"r\">"
          + esc(Money.format(Json.num(charge, "amount"), currency)) + "</td></tr><tr><td>Refunded</td><td class=\"r\">"
          + esc(Money.format(Json.num(charge, "amount_refunded"), currency)) + "</td></tr><tr><td>Status</td>"
          + "<td class=\"r\">" + esc(Json.text(charge, "status")) + "</td></tr><tr><td>Card</td><td class=\"r\">"
          + "&bull;&bull;&bull;&bull; " + esc(charge.at("/payment_method_details/card/last4").asText("")) + "</td></tr>"
          + "</table><p class=\"muted\">" + esc(chargeId) + "</p>");
    });
  }

  @GET
  @Path("invoices/{id}")
  public Response invoicePage(@PathParam("id") String id) {
    return locked(() -> {
      Store.Located i = store.locate(id);
      if (i == null || !"invoice".equals(Json.text(i.object(), "object"))) {
        return notFound("No such invoice.");
      }
      return html(200, "Invoice", invoiceBody(i.object(), null));
    });
  }

  private String invoiceBody(ObjectNode invoice, String error) {
    String currency = Json.text(invoice, "currency");
    StringBuilder b = new StringBuilder("<h1>Invoice ").append(esc(Json.text(invoice, "number"))).append("</h1>")
        .append("<p id=\"status\">Status: <strong>").append(esc(Json.text(invoice, "status"))).append("</strong></p><table>");
    for (JsonNode line : invoice.get("lines").get("data")) {
      b.append("<tr><td>").append(esc(Json.text(line, "description"))).append("</td><td class=\"r\">")
          .append(esc(Money.format(Json.num(line, "amount"), currency))).append("</td></tr>");
    }
    b.append("<tr class=\"total\"><td>Amount due</td><td class=\"r\">")
        .append(esc(Money.format(Json.num(invoice, "amount_remaining"), currency))).append("</td></tr></table>");
    if (error != null) {
      b.append("<p class=\"error\">").append(esc(error)).append("</p>");
    }
    if ("open".equals(Json.text(invoice, "status"))) {
      b.append("<form method=\"post\" action=\"/invoices/").append(esc(Json.text(invoice, "id")))
          .append("/pay\"><div class=\"buttons\"><button class=\"pay\" type=\"submit\">Pay</button></div></form>");
    }
    return b.toString();
  }

  /** The customer pays an open invoice on its hosted page (on-session: it succeeds). */
  @POST
  @Path("invoices/{id}/pay")
  public Response invoicePay(@PathParam("id") String id) {
    return locked(() -> {
      Store.Located i = store.locate(id);
      if (i == null || !"invoice".equals(Json.text(i.object(), "object"))) {
        return notFound("No such invoice.");
      }
      ObjectNode invoice = i.object();
      if (!"open".equals(Json.text(invoice, "status"))) {
        return html(400, "Invoice", invoiceBody(invoice, "This invoice is not open."));
      }
      ObjectNode sub = billing.subscriptionOf(i.account(), invoice);
      ObjectNode before = sub == null ? null : sub.deepCopy();
      billing.attemptInvoice(i.account(), invoice, false);
      if (before != null) {
        billing.afterManualPayment(i.account(), invoice, before);
      }
      return redirect("/invoices/" + id);
    });
  }
}
