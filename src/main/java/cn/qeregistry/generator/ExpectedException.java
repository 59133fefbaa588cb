package cn.qeregistry.generator;

/** One line of expected-exceptions.csv; feed is empty for review categories. */
record ExpectedException(String uscc, String category, String feed) {

    String csvLine() {
        return uscc + "," + category + "," + feed;
    }
}
