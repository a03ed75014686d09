package io.spindle.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import org.junit.jupiter.api.Test;

class DataOutputInputTest {
    private final DataOutputSerializer out = new DataOutputSerializer(4);
    private final DataInputDeserializer in = new DataInputDeserializer();

    private DataInputDeserializer written() {
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return in;
    }

    @Test
    void primitivesRoundTripBigEndianAndGrowTheBuffer() throws IOException {
        out.writeInt(0x01020304);
        out.writeLong(-2L);
        out.writeDouble(Math.PI);
        out.writeFloat(-1.5f);
        out.writeShort(-7);
        out.writeChar('\u20AC');
        out.writeBoolean(true);
        out.writeByte(0xAB);

        assertThat(out.getSharedBuffer()).startsWith(1, 2, 3, 4);
        DataInputDeserializer read = written();
        assertThat(read.readInt()).isEqualTo(0x01020304);
        assertThat(read.readLong()).isEqualTo(-2L);
        assertThat(read.readDouble()).isEqualTo(Math.PI);
        assertThat(read.readFloat()).isEqualTo(-1.5f);
        assertThat(read.readShort()).isEqualTo((short) -7);
        assertThat(read.readChar()).isEqualTo('\u20AC');
        assertThat(read.readBoolean()).isTrue();
        assertThat(read.readUnsignedByte()).isEqualTo(0xAB);
        assertThat(read.available()).isZero();
    }

    @Test
    void bytesMatchJavaDataInputStream() throws IOException {
        out.writeLong(123456789012345L);
        out.writeUTF("h\u00e9llo \u0000 \uD83D\uDE00");
        DataInputStream reference = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
        assertThat(reference.readLong()).isEqualTo(123456789012345L);
        assertThat(reference.readUTF()).isEqualTo("h\u00e9llo \u0000 \uD83D\uDE00");
    }

    @Test
    void writeUtfRefusesMoreThan64KilobytesButWriteStringDoesNot() throws IOException {
        String big = "x".repeat(70_000);
        assertThatThrownBy(() -> out.writeUTF(big)).isInstanceOf(UTFDataFormatException.class);
        out.clear();
        out.writeString(big);
        assertThat(written().readString()).isEqualTo(big);
    }

    @Test
    void varIntsRoundTripAtEveryLength() throws IOException {
        int[] ints = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        long[] longs = {0, 127, 128, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (int v : ints) {
            out.writeVarInt(v);
        }
        for (long v : longs) {
            out.writeVarLong(v);
        }
        DataInputDeserializer read = written();
        for (int v : ints) {
            assertThat(read.readVarInt()).isEqualTo(v);
        }
        for (long v : longs) {
            assertThat(read.readVarLong()).isEqualTo(v);
        }
        assertThat(read.available()).isZero();

        out.clear();
        out.writeVarInt(127);
        assertThat(out.length()).isEqualTo(1);
        out.writeVarInt(-1);
        assertThat(out.length()).isEqualTo(6);
    }

    @Test
    void stringsRoundTripIncludingNullEmptyUnicodeAndLoneSurrogates() throws IOException {
        String[] strings = {
            null, "", "ascii", "caf\u00e9", "\u4e2d\u6587\u5b57", "emoji \uD83D\uDE00\uD83C\uDF89 end",
            "lone \uD800 high and \uDC00 low", "\u0000nul\u007f\u0080\u07ff\u0800\uffff",
            "\u00e9".repeat(40_000), "mixed " + "a".repeat(100_000) + "\u00fc"
        };
        for (String s : strings) {
            out.writeString(s);
        }
        DataInputDeserializer read = written();
        for (String s : strings) {
            assertThat(read.readString()).isEqualTo(s);
        }
        assertThat(read.available()).isZero();
    }

    @Test
    void asciiStringsTakeOneByteEachPlusHeader() {
        out.writeString("hello");
        assertThat(out.length()).isEqualTo(1 + 5);
        out.clear();
        out.writeString("a".repeat(200));
        assertThat(out.length()).isEqualTo(2 + 200);
    }

    @Test
    void readingPastTheEndThrowsEof() {
        out.writeInt(5);
        in.setBuffer(out.getSharedBuffer(), 0, 3);
        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);

        out.clear();
        out.writeString("a string longer than the cut");
        in.setBuffer(out.getSharedBuffer(), 0, out.length() - 1);
        assertThatThrownBy(in::readString).isInstanceOf(EOFException.class);

        in.setBuffer(new byte[] {(byte) 0x80}, 0, 1);
        assertThatThrownBy(in::readVarInt).isInstanceOf(EOFException.class);
    }

    @Test
    void readsOnlyTheGivenRegion() throws IOException {
        byte[] bytes = {9, 0, 0, 0, 42, 9};
        in.setBuffer(bytes, 1, 4);
        assertThat(in.getPosition()).isEqualTo(1);
        assertThat(in.readInt()).isEqualTo(42);
        assertThat(in.getPosition()).isEqualTo(5);
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.setBuffer(bytes, 4, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writeIntAtPatchesAReservedLengthPrefix() throws IOException {
        out.writeInt(0);
        out.writeString("payload");
        out.writeIntAt(0, out.length() - 4);
        DataInputDeserializer read = written();
        assertThat(read.readInt()).isEqualTo(read.available());
        assertThatThrownBy(() -> out.writeIntAt(out.length() - 3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void clearKeepsTheBufferForReuse() {
        out.writeLong(1);
        byte[] buffer = out.getSharedBuffer();
        out.clear();
        assertThat(out.length()).isZero();
        out.writeInt(1);
        assertThat(out.getSharedBuffer()).isSameAs(buffer);
    }
}
