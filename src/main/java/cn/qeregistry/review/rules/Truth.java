package cn.qeregistry.review.rules;

/** Three-valued: a condition over a missing input is neither met nor broken. */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
