package dev.tessera.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Coupon;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.PromotionCode;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeListParams;
import com.stripe.param.PromotionCodeUpdateParams;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogTest extends EmulatorTestBase {

  @Test
  void productsWithDefaultPriceUpdatesAndDeletion() throws Exception {
    Product product = stripe.v1().products().create(ProductCreateParams.builder()
        .setName("Pottery course").setDescription("Eight evenings").putMetadata("tessera_offering_id", "off_3")
        .setDefaultPriceData(ProductCreateParams.DefaultPriceData.builder().setCurrency("eur")
            .setUnitAmount(12_000L).build())
        .build());
    assertThat(product.getId()).startsWith("prod_");
    Price price = stripe.v1().prices().retrieve(product.getDefaultPrice());
    assertThat(price.getUnitAmount()).isEqualTo(12_000L);
    assertThat(price.getType()).isEqualTo("one_time");

    Product renamed = stripe.v1().products().update(product.getId(), ProductUpdateParams.builder()
        .setName("Pottery course (spring)").build());
    assertThat(renamed.getName()).isEqualTo("Pottery course (spring)");
    Event update = stripe.v1().events().list(EventListParams.builder().setType("product.updated").build())
        .getData().get(0);
    assertThat(update.getData().getPreviousAttributes()).containsEntry("name", "Pottery course");

    assertThat(catchThrowable(() -> stripe.v1().products().delete(product.getId())))
        .hasMessageContaining("has one or more user-created prices");
    Product bare = stripe.v1().products().create(ProductCreateParams.builder().setId("prod_custom_1")
        .setName("Bare").build());
    assertThat(bare.getId()).isEqualTo("prod_custom_1");
    assertThat(stripe.v1().products().delete(bare.getId()).getDeleted()).isTrue();
    assertThat(stripe.v1().products().list(ProductListParams.builder().setActive(true).build()).getData())
        .extracting(Product::getId).containsExactly(product.getId());
  }

  @Test
  void recurringPricesAndLookupKeys() throws Exception {
    Price monthly = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd").setUnitAmount(900L)
        .setProductData(PriceCreateParams.ProductData.builder().setName("Gold tier").build())
        .setRecurring(PriceCreateParams.Recurring.builder().setInterval(PriceCreateParams.Recurring.Interval.MONTH)
            .setIntervalCount(3L).build())
        .setLookupKey("gold").build());
    assertThat(monthly.getRecurring().getIntervalCount()).isEqualTo(3L);
    assertThat(monthly.getProduct()).startsWith("prod_");

    InvalidRequestException taken = (InvalidRequestException) catchThrowable(() -> stripe.v1().prices().create(
        PriceCreateParams.builder().setCurrency("usd").setUnitAmount(1000L).setProduct(monthly.getProduct())
            .setLookupKey("gold").build()));
    assertThat(taken.getStripeError().getParam()).isEqualTo("lookup_key");
    Price replacement = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
        .setUnitAmount(1000L).setProduct(monthly.getProduct()).setLookupKey("gold").setTransferLookupKey(true)
        .build());
    assertThat(stripe.v1().prices().retrieve(monthly.getId()).getLookupKey()).isNull();
    assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey("gold").build()).getData())
        .extracting(Price::getId).containsExactly(replacement.getId());

    Price archived = stripe.v1().prices().update(monthly.getId(), PriceUpdateParams.builder().setActive(false).build());
    assertThat(archived.getActive()).isFalse();
    assertThat(stripe.v1().prices().list(PriceListParams.builder().setActive(true).build()).getData())
        .extracting(Price::getId).containsExactly(replacement.getId());
    assertThat(stripe.v1().prices().list(PriceListParams.builder()
        .setType(PriceListParams.Type.RECURRING).build()).getData()).extracting(Price::getId)
        .containsExactly(monthly.getId());
  }

  @Test
  void couponsAndPromotionCodes() throws Exception {
    Coupon amountOff = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(500L)
        .setCurrency("usd").setDuration(CouponCreateParams.Duration.REPEATING).setDurationInMonths(3L)
        .setName("5 off").build());
    assertThat(amountOff.getDurationInMonths()).isEqualTo(3L);
    assertThat(catchThrowable(() -> stripe.v1().coupons().create(CouponCreateParams.builder()
        .setPercentOff(new BigDecimal("10")).setAmountOff(100L).setCurrency("usd").build())))
        .isInstanceOf(InvalidRequestException.class);
    Coupon custom = stripe.v1().coupons().create(CouponCreateParams.builder().setId("WELCOME")
        .setPercentOff(new BigDecimal("12.5")).build());
    assertThat(custom.getPercentOff()).isEqualByComparingTo("12.5");
    assertThat(custom.getDuration()).isEqualTo("once");

    Customer vip = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("vip@x.io").build());
    PromotionCode promo = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
        .setPromotion(PromotionCodeCreateParams.Promotion.builder()
            .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon("WELCOME").build())
        .setCode("VIP").setCustomer(vip.getId()).setMaxRedemptions(5L)
        .setRestrictions(PromotionCodeCreateParams.Restrictions.builder().setMinimumAmount(1000L)
            .setMinimumAmountCurrency("usd").build())
        .build());
    assertThat(promo.getPromotion().getCoupon()).isEqualTo("WELCOME");
    assertThat(promo.getRestrictions().getMinimumAmount()).isEqualTo(1000L);
    assertThat(catchThrowable(() -> stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
        .setPromotion(PromotionCodeCreateParams.Promotion.builder()
            .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon("WELCOME").build())
        .setCode("vip").build()))).hasMessageContaining("already exists");

    stripe.v1().promotionCodes().update(promo.getId(), PromotionCodeUpdateParams.builder().setActive(false).build());
    assertThat(stripe.v1().promotionCodes().list(PromotionCodeListParams.builder().setActive(true).build())
        .getData()).isEmpty();
    assertThat(stripe.v1().promotionCodes().list(PromotionCodeListParams.builder().setCode("VIP").build())
        .getData()).hasSize(1);

    assertThat(stripe.v1().coupons().delete(amountOff.getId()).getDeleted()).isTrue();
    assertThat(catchThrowable(() -> stripe.v1().coupons().retrieve(amountOff.getId())))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(eventTypes()).contains("coupon.created", "promotion_code.created", "promotion_code.updated",
        "coupon.deleted");
  }

  @Test
  void deletedCustomersStayRetrievableAsDeleted() throws Exception {
    Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("gone@x.io").build());
    assertThat(stripe.v1().customers().delete(customer.getId()).getDeleted()).isTrue();
    assertThat(stripe.v1().customers().retrieve(customer.getId()).getDeleted()).isTrue();
    assertThat(stripe.v1().customers().list().getData()).isEmpty();
    assertThat(eventTypes()).containsExactly("customer.created", "customer.deleted");
  }
}
