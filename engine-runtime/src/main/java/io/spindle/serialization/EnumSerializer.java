package io.spindle.serialization;

import java.io.IOException;
import java.io.Serial;

/** An enum constant as its ordinal, a varint: both sides must have the same enum version. */
final class EnumSerializer<E extends Enum<E>> extends TypeSerializer<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient E[] constants;

    EnumSerializer(Class<E> enumType) {
        super(enumType);
        this.constants = enumType.getEnumConstants();
    }

    @Override
    public void serialize(E value, DataOutputSerializer out, RecordEncoder dynamic) {
        out.writeVarInt(value.ordinal());
    }

    @Override
    public E deserialize(DataInputDeserializer in, RecordDecoder dynamic) throws IOException {
        int ordinal = in.readVarInt();
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new IOException("enum " + getType().getName() + " has no constant with ordinal " + ordinal
                    + "; the sender used a different version of the enum than the user jar holds");
        }
        return constants[ordinal];
    }
}
