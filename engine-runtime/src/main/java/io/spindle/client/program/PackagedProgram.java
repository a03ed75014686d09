package io.spindle.client.program;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A user program packaged as a jar: its entry class (given, or the manifest's {@code Main-Class})
 * and arguments. Everything that can be checked before running is checked in the constructor,
 * so a wrong jar or class name fails with a clear message instead of deep inside the run.
 * The program's classes load through a {@link ChildFirstClassLoader}; close the program to
 * release the jar.
 */
public final class PackagedProgram implements AutoCloseable {
    private final Path jarFile;
    private final List<String> arguments;
    private final URL jarUrl;
    private final ChildFirstClassLoader userClassLoader;
    private final Class<?> entryClass;
    private final Method mainMethod;

    /**
     * @param entryClassName the class whose main() runs, or null to use the jar manifest's Main-Class
     * @throws ProgramInvocationException when the jar or the entry class is not usable
     */
    public PackagedProgram(Path jarFile, String entryClassName, List<String> arguments)
            throws ProgramInvocationException {
        this.jarFile = jarFile.toAbsolutePath().normalize();
        this.arguments = List.copyOf(arguments);
        String manifestMainClass = checkJarAndReadMainClass(this.jarFile);
        String className = entryClassName != null ? entryClassName : manifestMainClass;
        if (className == null) {
            throw new ProgramInvocationException("No entry class given and the JAR file " + this.jarFile
                    + " has no Main-Class in its manifest: name the class with -c <class>");
        }
        this.jarUrl = toUrl(this.jarFile);
        this.userClassLoader = new ChildFirstClassLoader(new URL[] {jarUrl}, PackagedProgram.class.getClassLoader());
        try {
            this.entryClass = loadEntryClass(className);
            this.mainMethod = findMainMethod(entryClass);
        } catch (ProgramInvocationException e) {
            closeQuietly(userClassLoader, e);
            throw e;
        }
    }

    public Path getJarFile() {
        return jarFile;
    }

    public String getEntryClassName() {
        return entryClass.getName();
    }

    public List<String> getArguments() {
        return arguments;
    }

    /** The jars holding the program's code, to ship with its jobs. */
    public List<URL> getUserJarUrls() {
        return List.of(jarUrl);
    }

    public ClassLoader getUserClassLoader() {
        return userClassLoader;
    }

    /**
     * Runs the entry class's main() in the calling thread, with the program's class loader as
     * the thread's context class loader for the duration of the call.
     *
     * @throws ProgramInvocationException with the user's exception as cause when main() throws
     */
    public void invokeMain() throws ProgramInvocationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(userClassLoader);
        try {
            mainMethod.invoke(null, (Object) arguments.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            Throwable userException = e.getCause();
            throw new ProgramInvocationException("The main method of " + entryClass.getName() + " failed: "
                    + userException, userException);
        } catch (IllegalAccessException e) {
            throw new ProgramInvocationException("Could not call the main method of " + entryClass.getName()
                    + ": " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        userClassLoader.close();
    }

    private static String checkJarAndReadMainClass(Path jarFile) throws ProgramInvocationException {
        if (!Files.exists(jarFile)) {
            throw new ProgramInvocationException("JAR file does not exist: " + jarFile);
        }
        if (!Files.isRegularFile(jarFile) || !Files.isReadable(jarFile)) {
            throw new ProgramInvocationException("JAR file is not a readable file: " + jarFile);
        }
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        } catch (IOException | SecurityException e) {
            throw new ProgramInvocationException(jarFile + " is not a valid JAR file: " + e.getMessage(), e);
        }
    }

    private Class<?> loadEntryClass(String className) throws ProgramInvocationException {
        try {
            return Class.forName(className.trim(), false, userClassLoader);
        } catch (ClassNotFoundException e) {
            throw new ProgramInvocationException("Entry class " + className + " was not found in the JAR file "
                    + jarFile + ": check the class name (package included) given with -c or in the manifest");
        } catch (LinkageError e) {
            throw new ProgramInvocationException("Entry class " + className + " in the JAR file " + jarFile
                    + " could not be loaded: " + e, e);
        }
    }

    private static Method findMainMethod(Class<?> entryClass) throws ProgramInvocationException {
        Method main;
        try {
            main = entryClass.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            main = null;
        } catch (LinkageError e) {
            throw new ProgramInvocationException("Entry class " + entryClass.getName()
                    + " could not be loaded: " + e, e);
        }
        if (main == null || !Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
            throw new ProgramInvocationException("Entry class " + entryClass.getName()
                    + " has no method 'public static void main(String[] args)'");
        }
        // A public main in a non-public class is still callable from the launcher, as with `java`.
        main.setAccessible(true);
        return main;
    }

    private static URL toUrl(Path path) throws ProgramInvocationException {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new ProgramInvocationException("JAR file path cannot be used as a URL: " + path, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
