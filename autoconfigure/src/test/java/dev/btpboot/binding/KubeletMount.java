package dev.btpboot.binding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a secret volume as the kubelet mounts it: the files live in a timestamped dot directory,
 * {@code ..data} links to it, and each visible entry is a link through {@code ..data}.
 */
final class KubeletMount {

	private KubeletMount() {
	}

	/** Mounts text entries (UTF-8). */
	static Path text(Path directory, Map<String, String> entries) throws IOException {
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		entries.forEach((name, value) -> bytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
		return bytes(directory, bytes);
	}

	/** Mounts entries given as bytes. */
	static Path bytes(Path directory, Map<String, byte[]> entries) throws IOException {
		Files.createDirectories(directory);
		Path timestamped = Files.createDirectory(directory.resolve("..2026_12_01_10_00_00.000000001"));
		for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
			Files.write(timestamped.resolve(entry.getKey()), entry.getValue());
		}
		Files.createSymbolicLink(directory.resolve("..data"), timestamped.getFileName());
		for (String name : entries.keySet()) {
			Files.createSymbolicLink(directory.resolve(name), Path.of("..data", name));
		}
		return directory;
	}

}
