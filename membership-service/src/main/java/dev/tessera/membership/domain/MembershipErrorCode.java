package dev.tessera.membership.domain;

import dev.tessera.runtime.error.ErrorCode;

public enum MembershipErrorCode implements ErrorCode {
    MEMBERSHIP_NOT_FOUND(404, "membership.not_found", "Membership not found"),
    MEMBER_NOT_FOUND(404, "membership.member_not_found", "Member not found"),
    NOT_CANCELLABLE(409, "membership.not_cancellable", "Membership cannot be changed in its current state"),
    INVALID_RESOURCE(400, "membership.invalid_resource", "Invalid resource name"),
    INVALID_QUERY(400, "membership.invalid_query", "Invalid query"),
    STRIPE_FAILED(502, "membership.stripe_failed", "Stripe did not accept the change");

    private final int httpStatus;
    private final String code;
    private final String title;

    MembershipErrorCode(int httpStatus, String code, String title) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.title = title;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String title() {
        return title;
    }
}
