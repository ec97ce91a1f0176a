package dev.tessera.notification.api;

import dev.tessera.runtime.error.ProblemException;

final class Paging {

    static final int MAX_SIZE = 200;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
