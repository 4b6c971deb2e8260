package io.powercut.engine.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the driver of one H2 release in a class loader of its own: {@code org.h2.} from that
 * release's jar in the local Maven repository, the driver's package defined afresh from the bytes
 * the parent holds (so it links against this release, whether the parent reads target/classes, a
 * module jar or a shaded jar), everything else (the JDK, powercut, {@link MvStoreDriver}) from the
 * parent. Two releases of {@code org.h2} cannot share one loader; this keeps each apart.
 */
final class H2ReleaseLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final URLClassLoader h2;
  private final String driverPackage;

  private H2ReleaseLoader(ClassLoader parent, URLClassLoader h2, String driverPackage) {
    super("h2-release", parent);
    this.h2 = h2;
    this.driverPackage = driverPackage;
  }

  /** The jar of release {@code version} in the local repository ({@code -Dmaven.repo.local}). */
  static Path jarOf(String version) {
    String repo =
        System.getProperty(
            "maven.repo.local",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    return Path.of(repo, "com", "h2database", "h2", version, "h2-" + version + ".jar");
  }

  /** A new instance of {@code driverClass} (a no-argument class) linked against {@code version}. */
  static MvStoreDriver load(String version, String driverClass) {
    Path jar = jarOf(version);
    if (!Files.isRegularFile(jar)) {
      throw new H2ReleaseUnavailableException(
          "H2 "
              + version
              + " is not in the local repository: "
              + jar
              + " is absent; fetch it with: mvn dependency:get -Dartifact=com.h2database:h2:"
              + version);
    }
    ClassLoader parent = H2ReleaseLoader.class.getClassLoader();
    String pkg = driverClass.substring(0, driverClass.lastIndexOf('.') + 1);
    try {
      URLClassLoader h2 =
          new URLClassLoader(
              "h2-" + version, new URL[] {jar.toUri().toURL()}, getPlatformClassLoader());
      Class<?> c = Class.forName(driverClass, true, new H2ReleaseLoader(parent, h2, pkg));
      return (MvStoreDriver) c.getDeclaredConstructor().newInstance();
    } catch (MalformedURLException e) {
      throw new H2ReleaseUnavailableException("H2 " + version + ": bad jar path " + jar, e);
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new H2ReleaseUnavailableException(
          "H2 " + version + ": cannot load its driver " + driverClass + ": " + e, e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("org.h2.")) {
      return h2.loadClass(name);
    }
    if (!name.startsWith(driverPackage)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = defineFromParent(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private Class<?> defineFromParent(String name) throws ClassNotFoundException {
    URL url = getParent().getResource(name.replace('.', '/') + ".class");
    if (url == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + url, e);
    }
  }
}
