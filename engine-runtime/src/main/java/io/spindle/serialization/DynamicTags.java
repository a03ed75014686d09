package io.spindle.serialization;

/**
 * The first byte of every value in the dynamic encoding. Common types have fixed tags; other
 * classes are numbered per stream in the order they first appear, and small numbers are folded
 * into the tag byte itself so such a value costs one byte of overhead like a fixed-tag one.
 * Changing a value here changes the wire format.
 */
final class DynamicTags {
    static final int NULL = 0;
    static final int LONG = 1;
    static final int INTEGER = 2;
    static final int STRING = 3;
    static final int DOUBLE = 4;
    static final int TRUE = 5;
    static final int FALSE = 6;
    static final int TUPLE2 = 7;
    static final int TUPLE3 = 8;
    static final int TUPLE4 = 9;
    static final int TUPLE5 = 10;
    static final int SHORT = 11;
    static final int BYTE = 12;
    static final int FLOAT = 13;
    static final int CHARACTER = 14;
    static final int BYTE_ARRAY = 15;
    /** A class not seen before on this stream: its name follows, then the value. */
    static final int NEW_CLASS = 16;
    /** A dictionary id too large to fold into the tag: a varint id follows, then the value. */
    static final int CLASS_ID = 17;
    /** Tags from here to 255 stand for dictionary ids 0 to {@link #MAX_FOLDED_ID}. */
    static final int FIRST_FOLDED_ID = 32;
    static final int MAX_FOLDED_ID = 255 - FIRST_FOLDED_ID;

    private DynamicTags() {}
}
