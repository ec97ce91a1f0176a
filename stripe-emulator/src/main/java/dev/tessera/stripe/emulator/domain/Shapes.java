package dev.tessera.stripe.emulator.domain;

import static dev.tessera.stripe.emulator.core.Json.arr;
import static dev.tessera.stripe.emulator.core.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import java.util.List;

/**
 * Fresh Stripe objects with every field of the pinned API version ({@code 2026-07-29.dahlia}),
 * in the field order of Stripe's own examples ({@code fixtures3.json}), filled with the values
 * a new test-mode object has. Handlers then set what the request says.
 */
public final class Shapes {
  private Shapes() {}

  private static ObjectNode nullAddress() {
    return obj("city", null, "country", null, "line1", null, "line2", null, "postal_code", null, "state", null);
  }

  public static ObjectNode emptyList(String url) {
    return Json.list(List.of(), false, url);
  }

  public static ObjectNode product(String id, long created, String name) {
    return obj("active", true, "created", created, "default_price", null, "description", null, "id", id,
        "images", arr(), "livemode", false, "marketing_features", arr(), "metadata", obj(), "name", name,
        "object", "product", "package_dimensions", null, "shippable", null, "statement_descriptor", null,
        "tax_code", null, "unit_label", null, "updated", created, "url", null, "type", "service");
  }

  public static ObjectNode price(String id, long created, String currency, String product, long unitAmount,
      ObjectNode recurring) {
    return obj("active", true, "billing_scheme", "per_unit", "created", created, "currency", currency,
        "custom_unit_amount", null, "id", id, "livemode", false, "lookup_key", null, "metadata", obj(),
        "nickname", null, "object", "price", "product", product, "recurring", recurring,
        "tax_behavior", "unspecified", "tiers_mode", null, "transform_quantity", null,
        "type", recurring == null ? "one_time" : "recurring", "unit_amount", unitAmount,
        "unit_amount_decimal", Long.toString(unitAmount));
  }

  public static ObjectNode recurring(String interval, long intervalCount) {
    return obj("interval", interval, "interval_count", intervalCount, "meter", null, "usage_type", "licensed",
        "trial_period_days", null);
  }

  /** The legacy plan view of a recurring price, still embedded in subscription items. */
  public static ObjectNode plan(ObjectNode price) {
    ObjectNode r = (ObjectNode) price.get("recurring");
    return obj("active", price.get("active"), "amount", price.get("unit_amount"),
        "amount_decimal", price.get("unit_amount_decimal"), "billing_scheme", "per_unit",
        "created", price.get("created"), "currency", price.get("currency"), "id", price.get("id"),
        "interval", r.get("interval"), "interval_count", r.get("interval_count"), "livemode", false,
        "metadata", price.get("metadata").deepCopy(), "meter", null, "nickname", price.get("nickname"),
        "object", "plan", "product", price.get("product"), "tiers_mode", null, "transform_usage", null,
        "trial_period_days", null, "usage_type", "licensed");
  }

  public static ObjectNode customer(String id, long created) {
    return obj("address", null, "balance", 0L, "created", created, "currency", null, "default_source", null,
        "delinquent", false, "description", null, "discount", null, "email", null, "id", id,
        "invoice_prefix", Ids.upperCode(8), "invoice_settings",
        obj("custom_fields", null, "default_payment_method", null, "footer", null, "rendering_options", null),
        "livemode", false, "metadata", obj(), "name", null, "next_invoice_sequence", 1L, "object", "customer",
        "phone", null, "preferred_locales", arr(), "shipping", null, "tax_exempt", "none", "test_clock", null);
  }

  public static ObjectNode address(ObjectNode given) {
    ObjectNode a = nullAddress();
    if (given != null) {
      a.setAll(given);
    }
    return a;
  }

  public static ObjectNode coupon(String id, long created) {
    return obj("amount_off", null, "created", created, "currency", null, "duration", "once",
        "duration_in_months", null, "id", id, "livemode", false, "max_redemptions", null, "metadata", obj(),
        "name", null, "object", "coupon", "percent_off", null, "redeem_by", null, "times_redeemed", 0L,
        "valid", true);
  }

  public static ObjectNode promotionCode(String id, long created, String code, String coupon) {
    return obj("active", true, "code", code, "created", created, "customer", null, "expires_at", null, "id", id,
        "livemode", false, "max_redemptions", null, "metadata", obj(), "object", "promotion_code",
        "restrictions", obj("first_time_transaction", false, "minimum_amount", null,
            "minimum_amount_currency", null),
        "times_redeemed", 0L, "promotion", obj("coupon", coupon, "type", "coupon"), "customer_account", null);
  }

  public static ObjectNode discount(String id, long start, Long end, String coupon, String promotionCode,
      String customer, String subscription, String checkoutSession) {
    return obj("checkout_session", checkoutSession, "customer", customer, "end", end, "id", id,
        "invoice", null, "invoice_item", null, "object", "discount", "promotion_code", promotionCode,
        "start", start, "subscription", subscription, "subscription_item", null,
        "source", obj("coupon", coupon, "type", "coupon"), "customer_account", null);
  }

  public static ObjectNode checkoutSession(String id, long created, String mode) {
    boolean payment = "payment".equals(mode);
    return obj("after_expiration", null, "allow_promotion_codes", null, "amount_subtotal", 0L,
        "amount_total", 0L,
        "automatic_tax", obj("enabled", false, "liability", null, "status", null, "provider", null),
        "billing_address_collection", null, "cancel_url", null, "client_reference_id", null,
        "client_secret", null, "consent", null, "consent_collection", null, "created", created,
        "currency", null, "custom_fields", arr(),
        "custom_text", obj("after_submit", null, "shipping_address", null, "submit", null,
            "terms_of_service_acceptance", null),
        "customer", null, "customer_creation", payment ? "if_required" : null, "customer_details", null,
        "customer_email", null, "expires_at", created + 24 * 3600, "id", id, "invoice", null,
        "invoice_creation", payment ? obj("enabled", false, "invoice_data", obj("account_tax_ids", null,
            "custom_fields", null, "description", null, "footer", null, "issuer", null, "metadata", obj(),
            "rendering_options", null)) : null,
        "livemode", false, "locale", null, "metadata", obj(), "mode", mode, "object", "checkout.session",
        "payment_intent", null, "payment_link", null, "payment_method_collection", "if_required",
        "payment_method_configuration_details", null,
        "payment_method_options", obj("card", obj("request_three_d_secure", "automatic")),
        "payment_method_types", arr("card"), "payment_status", "unpaid",
        "phone_number_collection", obj("enabled", false), "recovered_from", null,
        "saved_payment_method_options", null, "setup_intent", null, "shipping_address_collection", null,
        "shipping_cost", null, "shipping_options", arr(), "status", "open", "submit_type", null,
        "subscription", null, "success_url", null,
        "total_details", obj("amount_discount", 0L, "amount_shipping", 0L, "amount_tax", 0L),
        "ui_mode", "hosted", "url", null, "adaptive_pricing", obj("enabled", false), "discounts", arr(),
        "collected_information", null, "permissions", null, "wallet_options", null, "origin_context", null,
        "currency_conversion", null, "customer_account", null, "integration_identifier", null,
        "managed_payments", obj("enabled", false));
  }

  /** A Checkout Session line item ({@code object: item}). */
  public static ObjectNode checkoutLineItem(ObjectNode price, String productName, long quantity, long discount) {
    long subtotal = Json.num(price, "unit_amount") * quantity;
    return obj("amount_discount", discount, "amount_subtotal", subtotal, "amount_tax", 0L,
        "amount_total", subtotal - discount, "currency", price.get("currency"), "description", productName,
        "id", Ids.next("li"), "object", "item", "price", price.deepCopy(), "quantity", quantity,
        "metadata", obj(), "adjustable_quantity", null);
  }

  public static ObjectNode paymentMethod(String id, long created, String customer, String email, String name) {
    return obj("allow_redisplay", "unspecified",
        "billing_details", obj("address", nullAddress(), "email", email, "name", name, "phone", null,
            "tax_id", null),
        "card", obj("brand", "visa",
            "checks", obj("address_line1_check", null, "address_postal_code_check", null, "cvc_check", "pass"),
            "country", "US", "display_brand", "visa", "exp_month", 12L, "exp_year", 2034L,
            "fingerprint", "Tessera4242Visa0", "funding", "credit", "generated_from", null, "last4", "4242",
            "networks", obj("available", arr("visa"), "preferred", null),
            "three_d_secure_usage", obj("supported", true), "wallet", null, "regulated_status", "unregulated"),
        "created", created, "customer", customer, "id", id, "livemode", false, "metadata", obj(),
        "object", "payment_method", "type", "card", "customer_account", null);
  }

  public static ObjectNode paymentIntent(String id, long created, long amount, String currency) {
    return obj("amount", amount, "amount_capturable", 0L, "amount_details", obj("tip", obj()),
        "amount_received", 0L, "application", null, "application_fee_amount", null,
        "automatic_payment_methods", null, "canceled_at", null, "cancellation_reason", null,
        "capture_method", "automatic_async", "client_secret", id + "_secret_" + Ids.random(25),
        "confirmation_method", "automatic", "created", created, "currency", currency, "customer", null,
        "description", null, "id", id, "last_payment_error", null, "latest_charge", null, "livemode", false,
        "metadata", obj(), "next_action", null, "object", "payment_intent", "on_behalf_of", null,
        "payment_method", null, "payment_method_configuration_details", null,
        "payment_method_options", obj("card", obj("installments", null, "mandate_options", null,
            "network", null, "request_three_d_secure", "automatic")),
        "payment_method_types", arr("card"), "processing", null, "receipt_email", null, "review", null,
        "setup_future_usage", null, "shipping", null, "statement_descriptor", null,
        "statement_descriptor_suffix", null, "status", "requires_payment_method", "transfer_data", null,
        "transfer_group", null, "source", null, "excluded_payment_method_types", null,
        "customer_account", null, "managed_payments", null);
  }

  public static ObjectNode charge(String id, long created, long amount, String currency, ObjectNode paymentMethod,
      String receiptUrl) {
    ObjectNode card = (ObjectNode) paymentMethod.get("card");
    return obj("amount", amount, "amount_captured", amount, "amount_refunded", 0L, "application", null,
        "application_fee", null, "application_fee_amount", null, "balance_transaction", null,
        "billing_details", paymentMethod.get("billing_details").deepCopy(),
        "calculated_statement_descriptor", "TESSERA", "captured", true, "created", created,
        "currency", currency, "customer", paymentMethod.get("customer"), "description", null,
        "disputed", false, "failure_balance_transaction", null, "failure_code", null, "failure_message", null,
        "fraud_details", obj(), "id", id, "livemode", false, "metadata", obj(), "object", "charge",
        "on_behalf_of", null,
        "outcome", obj("advice_code", null, "network_advice_code", null, "network_decline_code", null,
            "network_status", "approved_by_network", "reason", null, "risk_level", "normal", "risk_score", 12L,
            "seller_message", "Payment complete.", "type", "authorized"),
        "paid", true, "payment_intent", null, "payment_method", paymentMethod.get("id"),
        "payment_method_details", obj("card", obj("amount_authorized", amount, "brand", card.get("brand"),
            "checks", card.get("checks").deepCopy(), "country", card.get("country"),
            "exp_month", card.get("exp_month"), "exp_year", card.get("exp_year"),
            "extended_authorization", obj("status", "disabled"), "fingerprint", card.get("fingerprint"),
            "funding", card.get("funding"), "incremental_authorization", obj("status", "unavailable"),
            "installments", null, "last4", card.get("last4"), "mandate", null,
            "multicapture", obj("status", "unavailable"), "network", "visa", "network_token", obj("used", false),
            "overcapture", obj("maximum_amount_capturable", amount, "status", "unavailable"),
            "three_d_secure", null, "wallet", null, "authorization_code", Ids.random(6).toUpperCase(),
            "regulated_status", "unregulated", "network_transaction_id", Ids.random(15),
            "transaction_link_id", null), "type", "card"),
        "receipt_email", null, "receipt_number", null, "receipt_url", receiptUrl, "refunded", false,
        "refunds", emptyList("/v1/charges/" + id + "/refunds"), "review", null, "shipping", null,
        "source_transfer", null, "statement_descriptor", null, "statement_descriptor_suffix", null,
        "status", "succeeded", "transfer_data", null, "transfer_group", null, "source", null);
  }

  public static ObjectNode feeDetail(long amount, String currency, String description, String type) {
    return obj("amount", amount, "application", null, "currency", currency, "description", description,
        "type", type);
  }

  public static ObjectNode balanceTransaction(String id, long created, long availableOn, long amount, long fee,
      String currency, String type, String reportingCategory, String source, String description) {
    return obj("amount", amount, "available_on", availableOn, "created", created, "currency", currency,
        "description", description, "exchange_rate", null, "fee", fee, "fee_details", arr(), "id", id,
        "net", amount - fee, "object", "balance_transaction", "reporting_category", reportingCategory,
        "source", source, "status", availableOn <= created ? "available" : "pending", "type", type,
        "balance_type", "payments");
  }

  public static ObjectNode refund(String id, long created, long amount, String currency, String charge,
      String paymentIntent) {
    return obj("amount", amount, "balance_transaction", null, "charge", charge, "created", created,
        "currency", currency,
        "destination_details", obj("card", obj("reference", null, "reference_status", "pending",
            "reference_type", "acquirer_reference_number", "type", "refund"), "type", "card"),
        "id", id, "metadata", obj(), "object", "refund", "payment_intent", paymentIntent, "reason", null,
        "receipt_number", null, "source_transfer_reversal", null, "status", "succeeded", "transfer_reversal", null,
        "customer", null, "customer_account", null, "payment_method", null);
  }

  public static ObjectNode subscription(String id, long created, String customer, String currency) {
    return obj("application", null, "application_fee_percent", null,
        "automatic_tax", obj("enabled", false, "liability", null, "disabled_reason", null),
        "billing_cycle_anchor", created, "billing_cycle_anchor_config", null, "cancel_at", null,
        "canceled_at", null, "cancellation_details", obj("comment", null, "feedback", null, "reason", null),
        "collection_method", "charge_automatically", "created", created, "currency", currency,
        "customer", customer, "days_until_due", null, "default_payment_method", null, "default_source", null,
        "default_tax_rates", arr(), "description", null, "discounts", arr(), "ended_at", null, "id", id,
        "invoice_settings", obj("account_tax_ids", null, "issuer", obj("type", "self")),
        "items", emptyList("/v1/subscription_items?subscription=" + id), "latest_invoice", null,
        "livemode", false, "metadata", obj(), "next_pending_invoice_item_invoice", null, "object", "subscription",
        "on_behalf_of", null, "pause_collection", null,
        "payment_settings", obj("payment_method_options", null, "payment_method_types", null,
            "save_default_payment_method", "off"),
        "pending_invoice_item_interval", null, "pending_setup_intent", null, "pending_update", null,
        "schedule", null, "start_date", created, "status", "incomplete", "test_clock", null,
        "transfer_data", null, "trial_end", null,
        "trial_settings", obj("end_behavior", obj("missing_payment_method", "create_invoice")),
        "trial_start", null, "cancel_at_period_end", false, "billing_thresholds", null,
        "billing_mode", obj("flexible", null, "type", "classic"), "customer_account", null,
        "managed_payments", null, "billing_schedules", arr());
  }

  public static ObjectNode subscriptionItem(String id, long created, String subscription, ObjectNode price,
      long quantity, long periodStart, long periodEnd) {
    return obj("created", created, "discounts", arr(), "id", id, "metadata", obj(), "object", "subscription_item",
        "price", price.deepCopy(), "quantity", quantity, "subscription", subscription, "tax_rates", arr(),
        "plan", plan(price), "current_period_end", periodEnd, "current_period_start", periodStart,
        "billing_thresholds", null);
  }

  public static ObjectNode invoice(String id, long created, String customer, String currency) {
    return obj("account_country", "US", "account_name", "Tessera (Stripe emulator)", "account_tax_ids", null,
        "amount_due", 0L, "amount_paid", 0L, "amount_remaining", 0L, "amount_shipping", 0L, "application", null,
        "attempt_count", 0L, "attempted", false, "auto_advance", true,
        "automatic_tax", obj("enabled", false, "liability", null, "status", null, "disabled_reason", null,
            "provider", null),
        "billing_reason", "manual", "collection_method", "charge_automatically", "created", created,
        "currency", currency, "custom_fields", null, "customer", customer, "customer_address", null,
        "customer_email", null, "customer_name", null, "customer_phone", null, "customer_shipping", null,
        "customer_tax_exempt", "none", "customer_tax_ids", arr(), "default_payment_method", null,
        "default_source", null, "default_tax_rates", arr(), "description", null, "discounts", arr(),
        "due_date", null, "effective_at", null, "ending_balance", null, "footer", null, "from_invoice", null,
        "hosted_invoice_url", null, "id", id, "invoice_pdf", null, "issuer", obj("type", "self"),
        "last_finalization_error", null, "latest_revision", null, "lines", emptyList("/v1/invoices/" + id + "/lines"),
        "livemode", false, "metadata", obj(), "next_payment_attempt", null, "number", null, "object", "invoice",
        "on_behalf_of", null,
        "payment_settings", obj("default_mandate", null, "payment_method_options", null,
            "payment_method_types", null),
        "period_end", created, "period_start", created, "post_payment_credit_notes_amount", 0L,
        "pre_payment_credit_notes_amount", 0L, "receipt_number", null, "rendering", null, "shipping_cost", null,
        "shipping_details", null, "starting_balance", 0L, "statement_descriptor", null, "status", "draft",
        "status_transitions", obj("finalized_at", null, "marked_uncollectible_at", null, "paid_at", null,
            "voided_at", null),
        "subscription", null, "subtotal", 0L, "subtotal_excluding_tax", 0L, "test_clock", null, "total", 0L,
        "total_discount_amounts", arr(), "total_excluding_tax", 0L, "webhooks_delivered_at", created,
        "automatically_finalizes_at", null, "total_pretax_credit_amounts", arr(), "total_taxes", arr(),
        "amount_overpaid", 0L, "parent", null, "customer_account", null);
  }

  public static ObjectNode invoiceLine(String invoice, ObjectNode item, long periodStart, long periodEnd,
      String description, long discount, String discountId) {
    ObjectNode price = (ObjectNode) item.get("price");
    long quantity = Json.num(item, "quantity");
    long amount = Json.num(price, "unit_amount") * quantity;
    return obj("amount", amount, "currency", price.get("currency"), "description", description,
        "discount_amounts", discount > 0 ? arr(obj("amount", discount, "discount", discountId)) : arr(),
        "discountable", true, "discounts", discount > 0 ? arr(discountId) : arr(), "id", Ids.next("il"),
        "invoice", invoice, "livemode", false, "metadata", obj(), "object", "line_item",
        "period", obj("end", periodEnd, "start", periodStart), "quantity", quantity,
        "subscription", item.get("subscription"), "pretax_credit_amounts", arr(), "taxes", arr(),
        "parent", obj("invoice_item_details", null,
            "subscription_item_details", obj("invoice_item", null, "proration", false,
                "proration_details", obj("credited_items", null), "subscription", item.get("subscription"),
                "subscription_item", item.get("id")),
            "type", "subscription_item_details"),
        "pricing", obj("price_details", obj("price", price.get("id"), "product", price.get("product")),
            "type", "price_details", "unit_amount_decimal", price.get("unit_amount_decimal")),
        "subtotal", amount, "quantity_decimal", Long.toString(quantity));
  }

  public static ObjectNode invoicePayment(String id, long created, String invoice, long amount, String currency,
      String paymentIntent) {
    return obj("amount_paid", null, "amount_requested", amount, "created", created, "currency", currency,
        "id", id, "invoice", invoice, "is_default", true, "livemode", false, "object", "invoice_payment",
        "payment", obj("payment_intent", paymentIntent, "type", "payment_intent"), "status", "open",
        "status_transitions", obj("canceled_at", null, "paid_at", null));
  }

  public static ObjectNode dispute(String id, long created, ObjectNode charge, long amount, String reason,
      long dueBy) {
    ObjectNode evidence = obj();
    for (String f : List.of("access_activity_log", "billing_address", "cancellation_policy",
        "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication",
        "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id",
        "product_description", "receipt", "refund_policy", "refund_policy_disclosure",
        "refund_refusal_explanation", "service_date", "service_documentation", "shipping_address",
        "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text")) {
      evidence.putNull(f);
    }
    evidence.set("enhanced_evidence", obj());
    return obj("amount", amount, "balance_transactions", arr(), "charge", charge.get("id"), "created", created,
        "currency", charge.get("currency"), "evidence", evidence,
        "evidence_details", obj("due_by", dueBy, "has_evidence", false, "past_due", false,
            "submission_count", 0L, "enhanced_eligibility", obj()),
        "id", id, "is_charge_refundable", false, "livemode", false, "metadata", obj(), "object", "dispute",
        "payment_intent", charge.get("payment_intent"),
        "payment_method_details", obj("card", obj("brand", "visa", "case_type", "chargeback",
            "network_reason_code", "fraudulent".equals(reason) ? "10.4" : "13.1", "network", "visa"),
            "type", "card"),
        "reason", reason, "status", "needs_response", "enhanced_eligibility_types", arr());
  }

  public static ObjectNode account(String id, long created, String type, String country, String email) {
    boolean express = "express".equals(type);
    ObjectNode controller = express
        ? obj("fees", obj("payer", "application"), "is_controller", true, "losses", obj("payments", "application"),
            "requirement_collection", "stripe", "stripe_dashboard", obj("type", "express"), "type", "application")
        : obj("type", "account");
    List<String> due = List.of("business_profile.mcc", "business_profile.url", "business_type",
        "external_account", "tos_acceptance.date", "tos_acceptance.ip");
    return obj("business_profile", obj("annual_revenue", null, "estimated_worker_count", null, "mcc", null,
            "name", null, "product_description", null, "support_address", null, "support_email", null,
            "support_phone", null, "support_url", null, "url", null,
            "minority_owned_business_designation", null),
        "business_type", null, "capabilities", obj(), "charges_enabled", false, "controller", controller,
        "country", country, "created", created, "default_currency", "US".equals(country) ? "usd" : "eur",
        "details_submitted", false, "email", email,
        "external_accounts", emptyList("/v1/accounts/" + id + "/external_accounts"),
        "future_requirements", requirements(List.of(), null), "id", id, "metadata", obj(), "object", "account",
        "payouts_enabled", false, "requirements", requirements(due, "requirements.past_due"),
        "settings", obj("bacs_debit_payments", obj("display_name", null, "service_user_number", null),
            "branding", obj("icon", null, "logo", null, "primary_color", null, "secondary_color", null),
            "card_issuing", obj("tos_acceptance", obj("date", null, "ip", null)),
            "card_payments", obj("decline_on", obj("avs_failure", false, "cvc_failure", false),
                "statement_descriptor_prefix", null, "statement_descriptor_prefix_kana", null,
                "statement_descriptor_prefix_kanji", null),
            "dashboard", obj("display_name", null, "timezone", "Etc/UTC"),
            "invoices", obj("default_account_tax_ids", null, "hosted_payment_method_save", null),
            "payments", obj("statement_descriptor", null, "statement_descriptor_kana", null,
                "statement_descriptor_kanji", null, "statement_descriptor_prefix_kana", null,
                "statement_descriptor_prefix_kanji", null),
            "payouts", obj("debit_negative_balances", true,
                "schedule", obj("delay_days", 2L, "interval", "manual"), "statement_descriptor", null),
            "sepa_debit_payments", obj()),
        "tos_acceptance", obj("date", null, "ip", null, "user_agent", null), "type", type);
  }

  public static ObjectNode requirements(List<String> due, String disabledReason) {
    return obj("alternatives", arr(), "current_deadline", null, "currently_due", Json.arrOf(due),
        "disabled_reason", disabledReason, "errors", arr(), "eventually_due", Json.arrOf(due), "past_due",
        Json.arrOf(due), "pending_verification", arr());
  }

  public static ObjectNode transfer(String id, long created, long amount, String currency, String destination) {
    return obj("amount", amount, "amount_reversed", 0L, "balance_transaction", null, "created", created,
        "currency", currency, "description", null, "destination", destination, "destination_payment", null,
        "id", id, "livemode", false, "metadata", obj(), "object", "transfer",
        "reversals", emptyList("/v1/transfers/" + id + "/reversals"), "reversed", false,
        "source_transaction", null, "source_type", "card", "transfer_group", null);
  }

  public static ObjectNode payout(String id, long created, long amount, String currency, long arrivalDate,
      String destination) {
    return obj("amount", amount, "application_fee", null, "application_fee_amount", null,
        "arrival_date", arrivalDate, "automatic", false, "balance_transaction", null, "created", created,
        "currency", currency, "description", null, "destination", destination, "failure_balance_transaction", null,
        "failure_code", null, "failure_message", null, "id", id, "livemode", false, "metadata", obj(),
        "method", "standard", "object", "payout", "original_payout", null,
        "reconciliation_status", "not_applicable", "reversed_by", null, "source_type", "card",
        "statement_descriptor", null, "status", "pending", "type", "bank_account",
        "trace_id", obj("status", "pending", "value", null), "payout_method", null);
  }

  public static ObjectNode applicationFee(String id, long created, String account, long amount, String currency,
      String charge, String application) {
    return obj("account", account, "amount", amount, "amount_refunded", 0L, "application", application,
        "balance_transaction", null, "charge", charge, "created", created, "currency", currency,
        "fee_source", obj("charge", charge, "type", "charge"), "id", id, "livemode", false,
        "object", "application_fee", "originating_transaction", null, "refunded", false,
        "refunds", emptyList("/v1/application_fees/" + id + "/refunds"));
  }
}
