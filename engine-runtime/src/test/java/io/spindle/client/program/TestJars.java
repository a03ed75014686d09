package io.spindle.client.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds jars for tests from the compiled bytes of classes on the test class path, without a compiler. */
public final class TestJars {
    private TestJars() {}

    /** A jar holding {@code classes} and, when {@code mainClass} is not null, a manifest naming it. */
    public static Path jarOf(Path file, String mainClass, Class<?>... classes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            entries.put(classFileName(type.getName()), classBytes(type.getName()));
        }
        return jarOf(file, mainClass, entries);
    }

    public static Path jarOf(Path file, String mainClass, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream fileOut = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(fileOut, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    public static String classFileName(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The .class bytes of a class that the test class path holds. */
    public static byte[] classBytes(String className) {
        try (InputStream in = TestJars.class.getClassLoader().getResourceAsStream(classFileName(className))) {
            if (in == null) {
                throw new IllegalArgumentException("No class file for " + className + " on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
