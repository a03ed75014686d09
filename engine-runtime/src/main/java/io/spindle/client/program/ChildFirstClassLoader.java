package io.spindle.client.program;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads a user program: classes and resources come from the user's jars first, so a program may
 * bundle its own versions of libraries, except the packages that must be shared with the engine
 * (the JDK, Spindle's own API, logging, Hadoop). Sharing those is what lets the engine and the
 * program exchange objects: a {@code StreamEnvironment} loaded twice would be two different types.
 * Spindle's bundled examples ({@code io.spindle.examples.*}) are user code and load child-first.
 */
public final class ChildFirstClassLoader extends URLClassLoader {
    private static final String[] PARENT_FIRST_PACKAGES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.spindle.", "org.slf4j.", "org.apache.logging.",
        "org.apache.hadoop."
    };
    private static final String USER_CODE_PACKAGE = "io.spindle.examples.";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    public ChildFirstClassLoader(URL[] userJars, ClassLoader parent) {
        super(userJars, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !isParentFirst(name)) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInUserJars) {
                    // Not bundled by the user: the engine's class path may still have it.
                }
            }
            if (loaded == null) {
                loaded = super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isParentFirst(resourceToClassName(name))) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> own = Collections.list(findResources(name));
        List<URL> parents = getParent() == null
                ? Collections.list(ClassLoader.getSystemResources(name))
                : Collections.list(getParent().getResources(name));
        List<URL> ordered = new ArrayList<>(own.size() + parents.size());
        if (isParentFirst(resourceToClassName(name))) {
            ordered.addAll(parents);
            ordered.addAll(own);
        } else {
            ordered.addAll(own);
            ordered.addAll(parents);
        }
        return Collections.enumeration(ordered);
    }

    /** Whether a class (or a resource, named as a class would be) must come from the engine's class path. */
    static boolean isParentFirst(String className) {
        if (className.startsWith(USER_CODE_PACKAGE)) {
            return false;
        }
        for (String prefix : PARENT_FIRST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String resourceToClassName(String resourceName) {
        String path = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        return path.replace('/', '.');
    }
}
