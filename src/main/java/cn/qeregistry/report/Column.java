package cn.qeregistry.report;

/**
 * One report column: its contract key (the English header), Chinese header, value type (how the
 * cell is written) and a width in characters chosen for typical content, so widths need no scan.
 */
record Column(String key, String chinese, Type type, int width) {

    enum Type { TEXT, INTEGER, MONEY, RATIO }

    static Column text(String key, String chinese, int width) {
        return new Column(key, chinese, Type.TEXT, width);
    }

    String header(Lang lang) {
        return lang == Lang.EN ? key : chinese;
    }

    /** Width in characters: the wider of the content estimate and the header (CJK counts double). */
    int widthFor(Lang lang) {
        String header = header(lang);
        int headerWidth = header.codePoints().map(c -> c > 0x2E80 ? 2 : 1).sum() + 3;
        return Math.min(80, Math.max(width, headerWidth));
    }
}
