package io.spindle.it.yarn;

import io.spindle.it.yarn.programs.ProgramFunctions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs compiled test classes (the programs of {@link io.spindle.it.yarn.programs}, or a test's
 * nested functions) into a jar, the way a user ships a program: the cluster gets them only
 * through that jar.
 */
final class ProgramJar {
    private static final String PACKAGE_DIRECTORY = ProgramFunctions.class.getPackageName().replace('.', '/');

    private ProgramJar() {}

    /** Writes the jar of the test programs to {@code target}; {@code mainClass}, when not null, goes into the manifest. */
    static Path build(Path target, Class<?> mainClass) throws IOException {
        return pack(target, PACKAGE_DIRECTORY, fileName -> true, mainClass);
    }

    /** Writes a jar of the nested classes of {@code outer} (a test's own user functions) to {@code target}. */
    static Path ofNestedClasses(Path target, Class<?> outer) throws IOException {
        String prefix = outer.getSimpleName() + "$";
        return pack(target, outer.getPackageName().replace('.', '/'), fileName -> fileName.startsWith(prefix), null);
    }

    private static Path pack(Path target, String packageDirectory, Predicate<String> fileNames, Class<?> mainClass)
            throws IOException {
        Path classesRoot = classesRoot();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        }
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classesRoot.resolve(packageDirectory))) {
            classFiles = files.filter(file -> file.toString().endsWith(".class"))
                    .filter(file -> fileNames.test(file.getFileName().toString())).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            for (Path classFile : classFiles) {
                jar.putNextEntry(new JarEntry(classesRoot.relativize(classFile).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(classFile));
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path classesRoot() {
        try {
            return Path.of(ProgramFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the compiled test programs", e);
        }
    }
}
