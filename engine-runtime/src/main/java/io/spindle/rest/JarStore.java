package io.spindle.rest;

import io.spindle.rest.RestClusterBackend.NotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * The jars uploaded through {@code /jars/upload}, kept as files {@code <uuid>_<original name>}
 * in one directory; the file name is the jar id. Every method touches the disk: call it from the
 * blocking executor. Safe for concurrent use (each operation is one file-system call).
 */
final class JarStore {
    private static final Pattern JAR_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[A-Za-z0-9._+-]+\\.jar");
    private static final int UUID_PREFIX_LENGTH = 37;

    private final Path directory;

    JarStore(Path directory) {
        this.directory = directory;
    }

    /** A stored jar as {@code GET /jars} lists it. */
    record StoredJar(String id, String name, long uploaded, Path path) {}

    /**
     * The file name to store an upload under: the client's name without any directory part and
     * with unusual characters replaced; not ending in {@code .jar} gives 400.
     */
    String newJarId(String clientFileName) {
        String name = safeFileName(clientFileName);
        if (!name.toLowerCase().endsWith(".jar") || name.length() <= 4) {
            throw RestHandlerException.badRequest("Only .jar files can be uploaded; '" + clientFileName
                    + "' does not end in .jar");
        }
        return UUID.randomUUID() + "_" + name;
    }

    /** A client's file name without any directory part and with unusual characters replaced by '_'. */
    static String safeFileName(String clientFileName) {
        String name = clientFileName == null ? "" : clientFileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    Path pathOf(String jarId) {
        return directory.resolve(jarId);
    }

    List<StoredJar> list() throws IOException {
        List<StoredJar> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String id = file.getFileName().toString();
                if (JAR_ID.matcher(id).matches() && Files.isRegularFile(file)) {
                    jars.add(new StoredJar(id, id.substring(UUID_PREFIX_LENGTH),
                            Files.getLastModifiedTime(file).toMillis(), file));
                }
            }
        }
        jars.sort(Comparator.comparingLong(StoredJar::uploaded).thenComparing(StoredJar::id));
        return jars;
    }

    /** The file of an uploaded jar; an unknown id gives 404. */
    Path resolve(String jarId) {
        Path file = JAR_ID.matcher(jarId).matches() ? directory.resolve(jarId) : null;
        if (file == null || !Files.isRegularFile(file)) {
            throw unknownJar(jarId);
        }
        return file;
    }

    void delete(String jarId) throws IOException {
        try {
            Files.delete(resolve(jarId));
        } catch (NoSuchFileException e) {
            throw unknownJar(jarId);
        }
    }

    /**
     * The entry class to run: {@code requested} when given, else the manifest's Main-Class. The
     * jar is opened either way, so a corrupt upload is reported here as 400 and not later in the
     * cluster.
     */
    static String entryClassOf(Path jar, String jarId, String requested) throws IOException {
        Manifest manifest;
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            manifest = jarFile.getManifest();
        } catch (ZipException e) {
            throw RestHandlerException.badRequest("Jar '" + jarId + "' is not a valid jar (zip) file (" + e.getMessage()
                    + "); delete it and upload the jar again");
        }
        if (requested != null) {
            return requested;
        }
        String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass == null || mainClass.isBlank()) {
            throw RestHandlerException.badRequest("Jar '" + jarId + "' has no Main-Class in its manifest; give the class"
                    + " to run as \"entryClass\" in the request body");
        }
        return mainClass.trim();
    }

    private static NotFoundException unknownJar(String jarId) {
        return new NotFoundException("Jar '" + jarId + "' is not known; GET /jars lists the uploaded jars");
    }
}
