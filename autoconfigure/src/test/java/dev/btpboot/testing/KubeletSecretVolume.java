package dev.btpboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A secret volume laid out and updated the way the kubelet does it (its {@code AtomicWriter}):
 * the files live in a timestamped directory {@code ..2026_12_01_10_00_00.<n>}, {@code ..data} is a
 * symlink to it, and each visible file is a symlink {@code <name> -> ..data/<name>}. An update
 * writes a new timestamped directory, points a new {@code ..data_tmp} symlink at it, renames that
 * atomically over {@code ..data}, adjusts the visible symlinks and deletes the old directory.
 */
public final class KubeletSecretVolume {

	private static final AtomicInteger versions = new AtomicInteger();

	private final Path directory;

	private Map<String, String> files = Map.of();

	/** The names of the files mounted now, text or binary. */
	private Set<String> names = Set.of();

	private KubeletSecretVolume(Path directory) {
		this.directory = directory;
	}

	/**
	 * @param directory the mount point (created)
	 * @param files file name to content
	 * @return the volume, mounted
	 */
	public static KubeletSecretVolume mount(Path directory, Map<String, String> files) {
		KubeletSecretVolume volume = new KubeletSecretVolume(directory);
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		volume.update(files);
		return volume;
	}

	/**
	 * Mounts files given as bytes, e.g. a binary trust store next to text entries.
	 * @param directory the mount point (created)
	 * @param files file name to content
	 * @return the volume, mounted
	 */
	public static KubeletSecretVolume mountBytes(Path directory, Map<String, byte[]> files) {
		KubeletSecretVolume volume = mount(directory, Map.of());
		volume.swap(files);
		return volume;
	}

	/** @return the mount point */
	public Path directory() {
		return this.directory;
	}

	/** @return the current text files (none for a volume mounted from bytes) */
	public Map<String, String> files() {
		return this.files;
	}

	/**
	 * Replaces the whole content, as the kubelet does when the secret changed.
	 * @param files file name to content
	 */
	public void update(Map<String, String> files) {
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		files.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
		swap(bytes);
		this.files = Map.copyOf(new LinkedHashMap<>(files));
	}

	private void swap(Map<String, byte[]> files) {
		try {
			Path data = this.directory.resolve("..data");
			Path old = Files.isSymbolicLink(data) ? this.directory.resolve(Files.readSymbolicLink(data)) : null;
			int version = versions.incrementAndGet();
			String name = String.format("..2026_12_01_10_00_%02d.%09d", version % 60, version);
			Path next = Files.createDirectory(this.directory.resolve(name));
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				Files.write(next.resolve(file.getKey()), file.getValue());
			}
			Path temporary = this.directory.resolve("..data_tmp");
			Files.createSymbolicLink(temporary, Path.of(name));
			Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE);
			for (String file : files.keySet()) {
				Path link = this.directory.resolve(file);
				if (!Files.isSymbolicLink(link)) {
					Files.createSymbolicLink(link, Path.of("..data", file));
				}
			}
			for (String removed : removed(this.names, files.keySet())) {
				Files.deleteIfExists(this.directory.resolve(removed));
			}
			if (old != null) {
				delete(old);
			}
			this.names = Set.copyOf(files.keySet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Set<String> removed(Set<String> before, Set<String> after) {
		return before.stream().filter((name) -> !after.contains(name)).collect(Collectors.toSet());
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
