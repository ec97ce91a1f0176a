package dev.tessera.membership.domain;

import dev.tessera.runtime.error.ErrorCode;

public enum MembershipErrorCode implements ErrorCode {
    MEMBERSHIP_NOT_FOUND(404, "membership.not_found", "Membership not found"),
    MEMBER_NOT_FOUND(404, "membership.member_not_found", "Member not found"),
    NOT_CANCELLABLE(409, "membership.not_cancellable", "Membership cannot be changed in its current state"),
    INVALID_RESOURCE(400, "membership.invalid_resource", "Invalid resource name"),
    INVALID_QUERY(400, "membership.invalid_query", "Invalid query"),
    STRIPE_FAILED(502, "membership.stripe_failed", "Stripe did not accept the change");

    private final Spec spec;

    MembershipErrorCode(int httpStatus, String code, String title) {
        this.spec = new Spec(httpStatus, code, title);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
