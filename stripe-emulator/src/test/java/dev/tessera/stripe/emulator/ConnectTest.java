package dev.tessera.stripe.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.ApplicationFee;
import com.stripe.model.Balance;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.LoginLink;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Payout;
import com.stripe.model.Price;
import com.stripe.model.Transfer;
import com.stripe.model.checkout.Session;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.BalanceRetrieveParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.PayoutRetrieveParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConnectTest extends EmulatorTestBase {
  private static final long DAY = 86400;

  @Test
  void newExpressAccountsAreNotEnabled() throws Exception {
    Account account = stripe.v1().accounts().create(AccountCreateParams.builder()
        .setType(AccountCreateParams.Type.EXPRESS).setEmail("seller@example.com")
        .putMetadata("tessera_seller_id", "sel_9").build());
    assertThat(account.getChargesEnabled()).isFalse();
    assertThat(account.getCapabilities().getTransfers()).isEqualTo("inactive");
    assertThat(account.getRequirements().getCurrentlyDue()).isNotEmpty();
    assertThat(catchThrowable(() -> stripe.v1().accounts().loginLinks().create(account.getId())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not completed onboarding");
    assertThat(stripe.v1().events().list(EventListParams.builder().build(), on(account.getId())).getData())
        .isEmpty();
  }

  @Test
  void accountLinkPageCompletesOnboarding() throws Exception {
    Account account = stripe.v1().accounts().create(AccountCreateParams.builder()
        .setType(AccountCreateParams.Type.EXPRESS).build());
    AccountLink link = stripe.v1().accountLinks().create(AccountLinkCreateParams.builder()
        .setAccount(account.getId()).setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
        .setRefreshUrl("https://tessera.example/connect/refresh").setReturnUrl("https://tessera.example/connect/done")
        .build());
    assertThat(link.getExpiresAt() - link.getCreated()).isEqualTo(300L);
    String path = link.getUrl().substring(baseUrl().length());
    given().get(path).then().statusCode(200).body(containsString(account.getId()));
    given().redirects().follow(false).post(path).then().statusCode(303)
        .header("Location", equalTo("https://tessera.example/connect/done"));
    given().redirects().follow(false).get(path).then().statusCode(303)
        .header("Location", equalTo("https://tessera.example/connect/refresh"));

    Account onboarded = stripe.v1().accounts().retrieve(account.getId());
    assertThat(onboarded.getChargesEnabled()).isTrue();
    assertThat(onboarded.getPayoutsEnabled()).isTrue();
    assertThat(onboarded.getDetailsSubmitted()).isTrue();
    assertThat(onboarded.getCapabilities().getTransfers()).isEqualTo("active");

    List<Event> events = stripe.v1().events().list(EventListParams.builder().setType("account.updated").build(),
        on(account.getId())).getData();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getAccount()).isEqualTo(account.getId());
    assertThat(events.get(0).getData().getPreviousAttributes()).containsEntry("charges_enabled", false);
    assertThat(stripe.v1().events().list(EventListParams.builder().setType("account.updated").build()).getData())
        .isEmpty();

    LoginLink login = stripe.v1().accounts().loginLinks().create(account.getId());
    given().get(login.getUrl().substring(baseUrl().length())).then().statusCode(200)
        .body(containsString("Express dashboard"));
  }

  @Test
  void transfersNeedAvailableFundsOrASourceTransaction() throws Exception {
    Account seller = onboardedAccount();
    Account fresh = stripe.v1().accounts().create(AccountCreateParams.builder()
        .setType(AccountCreateParams.Type.EXPRESS).build());
    PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(10_000L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).build());

    InvalidRequestException noCapability = (InvalidRequestException) catchThrowable(() -> stripe.v1().transfers()
        .create(TransferCreateParams.builder().setAmount(100L).setCurrency("usd").setDestination(fresh.getId())
            .build()));
    assertThat(noCapability.getCode()).isEqualTo("insufficient_capabilities_for_transfer");
    InvalidRequestException noFunds = (InvalidRequestException) catchThrowable(() -> stripe.v1().transfers()
        .create(TransferCreateParams.builder().setAmount(1000L).setCurrency("usd").setDestination(seller.getId())
            .build()));
    assertThat(noFunds.getCode()).isEqualTo("balance_insufficient");

    Transfer linked = stripe.v1().transfers().create(TransferCreateParams.builder().setAmount(1000L)
        .setCurrency("usd").setDestination(seller.getId()).setSourceTransaction(intent.getLatestCharge())
        .setTransferGroup("order-1").build());
    assertThat(linked.getDestinationPayment()).startsWith("py_");
    Charge payment = stripe.v1().charges().retrieve(linked.getDestinationPayment(),
        ChargeRetrieveParams.builder().build(), on(seller.getId()));
    assertThat(payment.getAmount()).isEqualTo(1000L);
    assertThat(payment.getSourceTransfer()).isEqualTo(linked.getId());

    advance(3 * DAY);
    Transfer fromBalance = stripe.v1().transfers().create(TransferCreateParams.builder().setAmount(2000L)
        .setCurrency("usd").setDestination(seller.getId()).build());
    assertThat(fromBalance.getAmount()).isEqualTo(2000L);
    Balance platform = stripe.v1().balance().retrieve();
    assertThat(platform.getAvailable().get(0).getAmount()).isEqualTo(10_000L - 320 - 1000 - 2000);
    Balance connected = stripe.v1().balance().retrieve(BalanceRetrieveParams.builder().build(), on(seller.getId()));
    assertThat(connected.getAvailable().get(0).getAmount()).isEqualTo(3000L);
    assertThat(eventTypes()).contains("transfer.created", "balance.available");
  }

  @Test
  void destinationChargeWithApplicationFeeAndPayout() throws Exception {
    Account seller = onboardedAccount();
    Price price = oneTimePrice(10_000);
    Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://tessera.example/ok")
        .setCustomerEmail("fan@example.com")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
            .setApplicationFeeAmount(1_000L)
            .setTransferData(SessionCreateParams.PaymentIntentData.TransferData.builder()
                .setDestination(seller.getId()).build())
            .build())
        .build());
    String intentId = pay(session.getId()).getString("payment_intent");
    PaymentIntent intent = stripe.v1().paymentIntents().retrieve(intentId);
    assertThat(intent.getTransferData().getDestination()).isEqualTo(seller.getId());
    Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
    assertThat(charge.getTransfer()).startsWith("tr_");
    ApplicationFee fee = stripe.v1().applicationFees().retrieve(charge.getApplicationFee());
    assertThat(fee.getAmount()).isEqualTo(1_000L);
    assertThat(fee.getAccount()).isEqualTo(seller.getId());

    Transfer transfer = stripe.v1().transfers().retrieve(charge.getTransfer());
    assertThat(transfer.getAmount()).isEqualTo(10_000L);
    Charge payment = stripe.v1().charges().retrieve(transfer.getDestinationPayment(),
        ChargeRetrieveParams.builder().build(), on(seller.getId()));
    BalanceTransaction sellerTxn = stripe.v1().balanceTransactions().retrieve(payment.getBalanceTransaction(),
        com.stripe.param.BalanceTransactionRetrieveParams.builder().build(), on(seller.getId()));
    assertThat(sellerTxn.getNet()).isEqualTo(9_000L);
    assertThat(eventTypes()).contains("transfer.created", "application_fee.created");

    advance(3 * DAY);
    Payout payout = stripe.v1().payouts().create(PayoutCreateParams.builder().setAmount(9_000L)
        .setCurrency("usd").build(), on(seller.getId()));
    assertThat(payout.getStatus()).isEqualTo("pending");
    assertThat(payout.getDestination()).startsWith("ba_");
    assertThat(catchThrowable(() -> stripe.v1().payouts().create(PayoutCreateParams.builder().setAmount(1L)
        .setCurrency("usd").build(), on(seller.getId())))).hasMessageContaining("insufficient funds");

    advance(2 * DAY);
    Payout paid = stripe.v1().payouts().retrieve(payout.getId(), PayoutRetrieveParams.builder().build(),
        on(seller.getId()));
    assertThat(paid.getStatus()).isEqualTo("paid");
    List<Event> payoutEvents = stripe.v1().events().list(EventListParams.builder().setType("payout.paid").build(),
        on(seller.getId())).getData();
    assertThat(payoutEvents).hasSize(1);
    assertThat(payoutEvents.get(0).getAccount()).isEqualTo(seller.getId());
  }

  @Test
  void directChargeOnAConnectedAccountPaysTheApplicationFeeToThePlatform() throws Exception {
    Account seller = onboardedAccount();
    PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(5_000L).setCurrency("usd").setApplicationFeeAmount(500L).setPaymentMethod("pm_card_visa")
        .setConfirm(true).build(), on(seller.getId()));
    Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge(), ChargeRetrieveParams.builder().build(),
        on(seller.getId()));
    BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction(),
        com.stripe.param.BalanceTransactionRetrieveParams.builder().build(), on(seller.getId()));
    assertThat(txn.getFee()).isEqualTo(175L + 500L);
    assertThat(stripe.v1().applicationFees().list().getData()).hasSize(1);
    assertThat(catchThrowable(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(5_000L).setCurrency("usd").setApplicationFeeAmount(500L).build())))
        .hasMessageContaining("application_fee_amount");
  }
}
