package dev.btpboot.binding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every reader of binding input: {@code VCAP_SERVICES} and the local file, the Kubernetes
 * binding directory (with its {@code .metadata}), and the PEM certificate and key of X.509
 * credentials. Properties: nothing escapes but {@link ServiceBindingException}, and no message
 * or action shows a secret planted in the input (unless the fuzzer itself wrote it where a name
 * is expected). Seeds: {@code BindingInputFuzzTestsInputs}; regression mode runs only those.
 */
class BindingInputFuzzTests {

	/** Planted where a secret lives; never part of any message. */
	private static final String SECRET = "PlantedS3cretValue0x5eed";

	private static final List<String> FILE_NAMES = List.of("type", "label", "plan", "tags", "provider", "clientid",
			"clientsecret", "credentials.json", "certificate", "key", "url", "domains", "truststore.p12",
			"binding.json");

	private static final String CERTIFICATE = BindingFixtures.XSUAA_CERT.certificatePem();

	private static final String KEY = BindingFixtures.XSUAA_CERT.privateKeyPem();

	/**
	 * First byte: 0 = the rest is {@code VCAP_SERVICES}; 1 = the rest continues a credentials
	 * object that holds the planted secret; 2 = the rest is a local file after such a prefix.
	 */
	@FuzzTest
	void vcapServicesAndLocalFile(byte[] input) throws IOException {
		String text = (input.length > 1) ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8) : "";
		String planted = "{\"xsuaa\": [{\"name\": \"uaa\", \"label\": \"xsuaa\", \"credentials\": "
				+ "{\"clientsecret\": \"" + SECRET + "\", \"x\": ";
		int mode = (input.length > 0) ? (input[0] & 0xff) % 3 : 0;
		try {
			List<ServiceBinding> bindings = switch (mode) {
				case 1 -> VcapServicesReader.fromVcapServices(planted + text);
				case 2 -> VcapServicesReader.fromLocalFile(Files.writeString(scratch().resolve("default-env.json"),
						"{\"VCAP_SERVICES\": " + planted + text));
				default -> VcapServicesReader.fromVcapServices(text);
			};
			new ServiceBindings(bindings, Map.of());
		}
		catch (ServiceBindingException ex) {
			assertNoSecret(ex, text);
		}
	}

	/**
	 * The input, split at {@code \u0001}: flags (bit 0: the layered layout
	 * {@code <root>/<service>/<instance>/}), the {@code .metadata} content (none when empty), then
	 * files whose first character picks the name. The planted secret is always in
	 * {@code clientsecret} unless a file of the input replaces it.
	 */
	@FuzzTest
	void kubernetesBindingDirectory(byte[] input) throws IOException {
		String[] parts = new String(input, StandardCharsets.ISO_8859_1).split("\u0001", -1);
		Path root = scratch();
		int flags = parts[0].isEmpty() ? 0 : parts[0].charAt(0);
		Path binding = Files
			.createDirectories(((flags & 1) != 0) ? root.resolve("xsuaa").resolve("uaa") : root.resolve("uaa"));
		Files.writeString(binding.resolve("clientsecret"), SECRET);
		if (parts.length > 1 && !parts[1].isEmpty()) {
			Files.write(binding.resolve(".metadata"), parts[1].getBytes(StandardCharsets.ISO_8859_1));
		}
		for (int i = 2; i < parts.length; i++) {
			if (!parts[i].isEmpty()) {
				String name = FILE_NAMES.get(parts[i].charAt(0) % FILE_NAMES.size());
				Files.write(binding.resolve(name), parts[i].substring(1).getBytes(StandardCharsets.ISO_8859_1));
			}
		}
		try {
			new ServiceBindings(KubernetesBindingsReader.read(root), Map.of());
		}
		catch (ServiceBindingException ex) {
			assertNoSecret(ex, new String(input, StandardCharsets.ISO_8859_1));
		}
	}

	/**
	 * First byte: 0 = the rest is the certificate, with a valid key; 1 = a valid certificate, and
	 * the rest follows the planted secret inside a private key block; 2 = the rest, split at
	 * {@code \u0001}, is certificate and key.
	 */
	@FuzzTest
	void pemCertificateAndKey(byte[] input) {
		String text = (input.length > 1) ? new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1) : "";
		int mode = (input.length > 0) ? (input[0] & 0xff) % 3 : 0;
		String[] split = text.split("\u0001", 2);
		String certificate = switch (mode) {
			case 1 -> CERTIFICATE;
			case 2 -> split[0];
			default -> text;
		};
		String key = switch (mode) {
			case 1 -> "-----BEGIN PRIVATE KEY-----\n" + SECRET + text;
			case 2 -> (split.length > 1) ? split[1] : "";
			default -> KEY;
		};
		Map<String, Object> credentials = BindingFixtures.xsuaaX509Credentials();
		credentials.put("certificate", certificate);
		credentials.put("key", key);
		try {
			XsuaaCredentials.from(new ServiceBinding("uaa", "xsuaa", "application", List.of(), credentials, "fuzz"));
		}
		catch (ServiceBindingException ex) {
			assertNoSecret(ex, text);
			assertThat(ex.getMessage() + ex.getAction()).doesNotContain(KEY.split("\n")[1]);
		}
	}

	private static void assertNoSecret(ServiceBindingException ex, String fuzzed) {
		if (!fuzzed.contains(SECRET)) {
			assertThat(ex.getMessage() + ex.getAction()).doesNotContain(SECRET);
		}
	}

	/** A fresh, empty directory under target/ for each input. */
	private static Path scratch() throws IOException {
		Path directory = Path.of("target", "fuzz-bindings");
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
		return Files.createDirectories(directory).toAbsolutePath();
	}

}
