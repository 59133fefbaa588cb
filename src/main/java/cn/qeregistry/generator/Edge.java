package cn.qeregistry.generator;

/** A value a holder's data deliberately puts on or next to a rule threshold, so inclusive edges get tested. */
enum Edge {
    NONE, REVENUE, RD, SHARE, GROWTH, DEBT, YEARS, CERT, FINANCED, SMALL_INNOVATOR, STAFF, IP
}
