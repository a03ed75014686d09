package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.UUID;

/**
 * Value classes of the JDK that records commonly hold. java.base does not open their fields to
 * reflection, so they need explicit serializers; each is written through its public accessors.
 */
final class JdkValueSerializers {
    private JdkValueSerializers() {}

    /** The serializer for one of the supported JDK value classes, null for any other class. */
    static TypeSerializer<?> forClass(Class<?> type) {
        if (type == BigInteger.class) {
            return new BigIntegerSerializer();
        } else if (type == BigDecimal.class) {
            return new BigDecimalSerializer();
        } else if (type == UUID.class) {
            return new UuidSerializer();
        } else if (type == Instant.class) {
            return new InstantSerializer();
        } else if (type == Duration.class) {
            return new DurationSerializer();
        } else if (type == LocalDate.class) {
            return new LocalDateSerializer();
        } else if (type == LocalTime.class) {
            return new LocalTimeSerializer();
        } else if (type == LocalDateTime.class) {
            return new LocalDateTimeSerializer();
        } else if (type == Date.class) {
            return new DateSerializer();
        }
        return null;
    }

    private static void writeBytes(byte[] bytes, DataOutputSerializer out) {
        out.writeVarInt(bytes.length);
        out.write(bytes);
    }

    private static final class BigIntegerSerializer extends TypeSerializer<BigInteger> {
        @Serial
        private static final long serialVersionUID = 1L;

        BigIntegerSerializer() {
            super(BigInteger.class);
        }

        @Override
        public void serialize(BigInteger value, DataOutputSerializer out, RecordEncoder dynamic) {
            writeBytes(value.toByteArray(), out);
        }

        @Override
        public BigInteger deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            byte[] magnitude = PrimitiveArraySerializers.BYTES.deserialize(in, dynamic);
            if (magnitude.length == 0) {
                throw new IOException("corrupt record: a BigInteger has no bytes");
            }
            return new BigInteger(magnitude);
        }
    }

    private static final class BigDecimalSerializer extends TypeSerializer<BigDecimal> {
        @Serial
        private static final long serialVersionUID = 1L;

        BigDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeInt(value.scale());
            writeBytes(value.unscaledValue().toByteArray(), out);
        }

        @Override
        public BigDecimal deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            int scale = in.readInt();
            byte[] unscaled = PrimitiveArraySerializers.BYTES.deserialize(in, dynamic);
            if (unscaled.length == 0) {
                throw new IOException("corrupt record: a BigDecimal has no bytes");
            }
            return new BigDecimal(new BigInteger(unscaled), scale);
        }
    }

    private static final class UuidSerializer extends TypeSerializer<UUID> {
        @Serial
        private static final long serialVersionUID = 1L;

        UuidSerializer() {
            super(UUID.class);
        }

        @Override
        public void serialize(UUID value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.getMostSignificantBits());
            out.writeLong(value.getLeastSignificantBits());
        }

        @Override
        public UUID deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new UUID(in.readLong(), in.readLong());
        }
    }

    private static final class InstantSerializer extends TypeSerializer<Instant> {
        @Serial
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }

        @Override
        public Instant deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return Instant.ofEpochSecond(in.readLong(), in.readInt());
        }
    }

    private static final class DurationSerializer extends TypeSerializer<Duration> {
        @Serial
        private static final long serialVersionUID = 1L;

        DurationSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.getSeconds());
            out.writeInt(value.getNano());
        }

        @Override
        public Duration deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return Duration.ofSeconds(in.readLong(), in.readInt());
        }
    }

    private static final class LocalDateSerializer extends TypeSerializer<LocalDate> {
        @Serial
        private static final long serialVersionUID = 1L;

        LocalDateSerializer() {
            super(LocalDate.class);
        }

        @Override
        public void serialize(LocalDate value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.toEpochDay());
        }

        @Override
        public LocalDate deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return LocalDate.ofEpochDay(in.readLong());
        }
    }

    private static final class LocalTimeSerializer extends TypeSerializer<LocalTime> {
        @Serial
        private static final long serialVersionUID = 1L;

        LocalTimeSerializer() {
            super(LocalTime.class);
        }

        @Override
        public void serialize(LocalTime value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.toNanoOfDay());
        }

        @Override
        public LocalTime deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return LocalTime.ofNanoOfDay(in.readLong());
        }
    }

    private static final class LocalDateTimeSerializer extends TypeSerializer<LocalDateTime> {
        @Serial
        private static final long serialVersionUID = 1L;

        LocalDateTimeSerializer() {
            super(LocalDateTime.class);
        }

        @Override
        public void serialize(LocalDateTime value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.toLocalDate().toEpochDay());
            out.writeLong(value.toLocalTime().toNanoOfDay());
        }

        @Override
        public LocalDateTime deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
        }
    }

    private static final class DateSerializer extends TypeSerializer<Date> {
        @Serial
        private static final long serialVersionUID = 1L;

        DateSerializer() {
            super(Date.class);
        }

        @Override
        public void serialize(Date value, DataOutputSerializer out, RecordEncoder dynamic) {
            out.writeLong(value.getTime());
        }

        @Override
        public Date deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
            return new Date(in.readLong());
        }
    }
}
