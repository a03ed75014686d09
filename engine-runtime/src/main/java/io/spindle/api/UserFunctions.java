package io.spindle.api;

import io.spindle.util.InstantiationUtil;
import java.io.IOException;
import java.io.NotSerializableException;

/** Checks made on user functions when the pipeline is built, so errors show before anything runs. */
final class UserFunctions {
    private UserFunctions() {}

    static <F> F checkSerializable(F function, String method) {
        if (function == null) {
            throw new InvalidProgramException("The function given to " + method + "() must not be null");
        }
        try {
            InstantiationUtil.serializeObject(function);
        } catch (NotSerializableException e) {
            throw new InvalidProgramException("The function given to " + method + "() is not serializable: it refers to an"
                    + " object of class " + e.getMessage() + ", which is not Serializable. Make that class Serializable,"
                    + " mark the field transient and create it in open(), or avoid capturing it in the lambda.", e);
        } catch (IOException e) {
            throw new InvalidProgramException("The function given to " + method + "() could not be serialized: " + e, e);
        }
        return function;
    }
}
