package dev.btpboot.binding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.KubernetesBindingFiles;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes bindings rotated in place with the kubelet's {@code ..data} symlink swap, checked by
 * the watcher's {@code check()} (what its thread runs every refresh interval).
 */
@ExtendWith(OutputCaptureExtension.class)
class BindingRotationTests {

	private static final String SECRET = "ias-S3cr3t-before-rotation";

	private static final String NEW_SECRET = "ias-S3cr3t-after-rotation";

	private static final TestCertificates.Issued OLD_CERT = TestCertificates.selfSignedRsa("xsuaa-client-old");

	private static final TestCertificates.Issued NEW_CERT = TestCertificates.selfSignedRsa("xsuaa-client-new");

	@TempDir
	Path root;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private KubeletSecretVolume xsuaa;

	private KubeletSecretVolume identity;

	private ServiceBindings bindings;

	private KubernetesBindingsWatcher watcher;

	@BeforeEach
	void mount() {
		this.xsuaa = KubeletSecretVolume.mount(this.root.resolve("my-xsuaa"),
				KubernetesBindingFiles.operatorXsuaaX509(OLD_CERT, "https://acme.authentication.cert.localtest"));
		this.identity = KubeletSecretVolume.mount(this.root.resolve("my-ias"),
				KubernetesBindingFiles.serviceBindingIoIdentitySecret(SECRET, "https://acme.accounts.localtest"));
		this.bindings = ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
		this.watcher = new KubernetesBindingsWatcher(this.bindings, this.root, Duration.ofSeconds(30),
				new CertificateExpiryCheck(Duration.ofHours(24), this.clock), this.clock);
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.btpboot", LogLevel.DEBUG);
	}

	@AfterEach
	void restoreLogLevel() {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.btpboot", null);
	}

	@Test
	void aCheckWithoutChangesKeepsEveryBindingAsItIs() {
		XsuaaCredentials before = this.bindings.xsuaa().orElseThrow();
		Supplier<XsuaaCredentials> current = this.bindings.current(before);
		this.watcher.check();
		this.watcher.check();
		assertThat(this.bindings.xsuaa()).containsSame(before);
		assertThat(current.get()).isSameAs(before);
	}

	@Test
	void aSwapToIdenticalContentKeepsTheCredentialsAndTheirTokens(CapturedOutput output) {
		XsuaaCredentials before = this.bindings.xsuaa().orElseThrow();
		this.xsuaa.update(this.xsuaa.files());
		this.watcher.check();
		assertThat(this.bindings.xsuaa()).containsSame(before);
		assertThat(output).doesNotContain("was rotated");
	}

	@Test
	void aDirectoryWithoutTheKubeletLayoutIsComparedByItsFiles() throws Exception {
		Path plain = Files.createDirectories(this.root.resolve("plain-ias"));
		Files.writeString(plain.resolve("type"), "identity");
		Files.writeString(plain.resolve("clientid"), "plain-client");
		Files.writeString(plain.resolve("clientsecret"), SECRET);
		Files.writeString(plain.resolve("url"), "https://plain.accounts.localtest");
		ServiceBindings bindings = ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString())
				.withProperty("btp.bindings.identity.name", "plain-ias"));
		KubernetesBindingsWatcher watcher = new KubernetesBindingsWatcher(bindings, this.root, Duration.ofSeconds(30),
				new CertificateExpiryCheck(Duration.ofHours(24), this.clock), this.clock);
		watcher.check();
		Files.writeString(plain.resolve("clientsecret"), NEW_SECRET + "-longer");
		watcher.check();
		assertThat(((ClientSecret) bindings.identity().orElseThrow().authentication()).value())
			.isEqualTo(NEW_SECRET + "-longer");
	}

	@Test
	void aRotatedBindingOfTheLayeredLayoutReplacesTheOldOne(@TempDir Path layeredRoot, CapturedOutput output) {
		KubeletSecretVolume volume = KubeletSecretVolume.mount(layeredRoot.resolve("identity").resolve("my-ias"),
				layeredIdentity(SECRET));
		ServiceBindings bindings = ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", layeredRoot.toString()));
		KubernetesBindingsWatcher watcher = new KubernetesBindingsWatcher(bindings, layeredRoot,
				Duration.ofSeconds(30), new CertificateExpiryCheck(Duration.ofHours(24), this.clock), this.clock);
		watcher.check();
		volume.update(layeredIdentity(NEW_SECRET));
		watcher.check();
		assertThat(((ClientSecret) bindings.identity().orElseThrow().authentication()).value()).isEqualTo(NEW_SECRET);
		assertThat(output).contains("Service binding 'my-ias' (identity)", "was rotated")
			.doesNotContain(SECRET, NEW_SECRET);
	}

	/** The older layered layout {@code <root>/identity/<instance>/}, one file per entry. */
	private static Map<String, String> layeredIdentity(String secret) {
		return Map.of("clientid", "layered-client", "clientsecret", secret, "url", "https://acme.accounts.localtest",
				"plan", "application");
	}

	@Test
	void aValidRotatedVersionReplacesTheOldOne(CapturedOutput output) {
		XsuaaCredentials before = this.bindings.xsuaa().orElseThrow();
		IdentityCredentials identityBefore = this.bindings.identity().orElseThrow();
		Supplier<XsuaaCredentials> current = this.bindings.current(before);
		this.watcher.check();
		this.clock.advance(Duration.ofMinutes(5));
		this.xsuaa.update(KubernetesBindingFiles.operatorXsuaaX509(NEW_CERT, "https://acme.authentication.cert.localtest"));
		this.watcher.check();
		XsuaaCredentials after = this.bindings.xsuaa().orElseThrow();
		assertThat(leaf(after)).isEqualTo(NEW_CERT.certificate());
		assertThat(current.get()).isSameAs(after);
		assertThat(this.bindings.identity()).containsSame(identityBefore);
		ServiceBinding rotated = this.bindings.find("xsuaa").orElseThrow();
		assertThat(this.bindings.revision(rotated)).contains(Instant.parse("2026-12-01T10:05:00Z"));
		assertThat(this.bindings.all()).extracting(ServiceBinding::name).containsExactly("my-ias", "my-xsuaa");
		assertThat(output).contains("Service binding 'my-xsuaa' (xsuaa)", "was rotated")
			.doesNotContain("PRIVATE KEY", TestCertificates.base64Body(NEW_CERT.privateKeyPem()));
	}

	@Test
	void rotationListenersHearOfEachNewVersionOnceAndAFailingOneStopsNeitherTheOthersNorTheRotation(
			CapturedOutput output) {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.bindings.onRotation((binding) -> {
			throw new IllegalStateException("listener bug " + binding.name());
		});
		this.bindings.onRotation((binding) -> heard.add(binding.name() + "@" + this.bindings.revision(binding).orElseThrow()));
		this.watcher.check();
		this.xsuaa.update(this.xsuaa.files());
		this.watcher.check();
		assertThat(heard).as("nothing changed, nothing heard").isEmpty();
		this.clock.advance(Duration.ofMinutes(5));
		this.xsuaa.update(KubernetesBindingFiles.operatorXsuaaX509(NEW_CERT, "https://acme.authentication.cert.localtest"));
		this.watcher.check();
		this.watcher.check();
		assertThat(heard).containsExactly("my-xsuaa@2026-12-01T10:05:00Z");
		assertThat(leaf(this.bindings.xsuaa().orElseThrow())).isEqualTo(NEW_CERT.certificate());
		assertThat(output).contains("A listener of binding rotations failed on 'my-xsuaa' (IllegalStateException)")
			.doesNotContain("listener bug");
	}

	@Test
	void anInvalidNewVersionKeepsTheOldOneAndIsLoggedOnceWithoutTheSecret(CapturedOutput output) {
		IdentityCredentials before = this.bindings.identity().orElseThrow();
		Map<String, String> broken = KubernetesBindingFiles.serviceBindingIoIdentitySecret(NEW_SECRET,
				"https://acme.accounts.localtest");
		broken.remove("clientid");
		this.identity.update(broken);
		this.watcher.check();
		this.watcher.check();
		this.watcher.check();
		assertThat(this.bindings.identity()).containsSame(before);
		assertThat(output.getOut().split("A new version of a Kubernetes binding is not usable", -1)).hasSize(2);
		assertThat(output).contains("Service binding 'my-ias'", "field 'clientid'", "previous version stays in use")
			.doesNotContain(SECRET, NEW_SECRET);

		this.identity.update(KubernetesBindingFiles.serviceBindingIoIdentitySecret(NEW_SECRET,
				"https://acme.accounts.localtest"));
		this.watcher.check();
		IdentityCredentials after = this.bindings.identity().orElseThrow();
		assertThat(((ClientSecret) after.authentication()).value()).isEqualTo(NEW_SECRET);
		assertThat(output).doesNotContain(SECRET, NEW_SECRET);
	}

	@Test
	void aCertificateThatDoesNotMatchItsKeyIsRefusedWithoutKeyMaterial(CapturedOutput output) {
		XsuaaCredentials before = this.bindings.xsuaa().orElseThrow();
		Map<String, String> mismatched = KubernetesBindingFiles.operatorXsuaaX509(NEW_CERT,
				"https://acme.authentication.cert.localtest");
		mismatched.put("key", OLD_CERT.privateKeyPem());
		this.xsuaa.update(mismatched);
		this.watcher.check();
		assertThat(this.bindings.xsuaa()).containsSame(before);
		assertThat(output).contains("Service binding 'my-xsuaa'", "field 'key'")
			.doesNotContain("PRIVATE KEY", TestCertificates.base64Body(OLD_CERT.privateKeyPem()));
	}

	@Test
	void aBindingChangedToAnotherServiceIsRefused(CapturedOutput output) {
		IdentityCredentials before = this.bindings.identity().orElseThrow();
		Map<String, String> other = KubernetesBindingFiles.serviceBindingIoIdentitySecret(NEW_SECRET,
				"https://acme.accounts.localtest");
		other.put("type", "destination");
		this.identity.update(other);
		this.watcher.check();
		assertThat(this.bindings.identity()).containsSame(before);
		assertThat(output).contains("Service binding 'my-ias'", "changed its service from 'identity' to 'destination'")
			.doesNotContain(NEW_SECRET);
	}

	@Test
	void twoBindingsOfOneServiceAreEachFollowedThroughTheRotationsOfEither(@TempDir Path twoRoot) {
		// An application's own xsuaa and a broker's xsuaa, as a reuse service has them: a supplier of
		// one must never answer with the other's credentials, whichever is rotated.
		KubeletSecretVolume application = KubeletSecretVolume.mount(twoRoot.resolve("app-uaa"),
				layeredXsuaa("sb-app!t1", "app!t1", "application", "app-secret-1"));
		KubeletSecretVolume broker = KubeletSecretVolume.mount(twoRoot.resolve("broker-uaa"),
				layeredXsuaa("sb-broker!b1", "broker!b1", "broker", "broker-secret-1"));
		ServiceBindings bindings = ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", twoRoot.toString())
				.withProperty("btp.bindings.xsuaa.name", "app-uaa"));
		KubernetesBindingsWatcher watcher = new KubernetesBindingsWatcher(bindings, twoRoot, Duration.ofSeconds(30),
				new CertificateExpiryCheck(Duration.ofHours(24), this.clock), this.clock);
		watcher.check();
		XsuaaCredentials applicationBefore = bindings.xsuaa().orElseThrow();
		XsuaaCredentials brokerBefore = xsuaaOf(bindings, "broker-uaa");
		Supplier<XsuaaCredentials> applicationCurrent = bindings.current(applicationBefore);
		Supplier<XsuaaCredentials> brokerCurrent = bindings.current(brokerBefore);
		assertThat(applicationCurrent.get()).isSameAs(applicationBefore);
		assertThat(brokerCurrent.get()).isSameAs(brokerBefore);

		application.update(layeredXsuaa("sb-app!t1", "app!t1", "application", "app-secret-2"));
		watcher.check();
		XsuaaCredentials applicationAfter = applicationCurrent.get();
		assertThat(applicationAfter.clientId()).isEqualTo("sb-app!t1");
		assertThat(secretOf(applicationAfter)).isEqualTo("app-secret-2");
		assertThat(brokerCurrent.get()).isSameAs(brokerBefore);

		broker.update(layeredXsuaa("sb-broker!b1", "broker!b1", "broker", "broker-secret-2"));
		watcher.check();
		assertThat(brokerCurrent.get().clientId()).isEqualTo("sb-broker!b1");
		assertThat(secretOf(brokerCurrent.get())).isEqualTo("broker-secret-2");
		assertThat(applicationCurrent.get()).isSameAs(applicationAfter);
		assertThat(bindings.xsuaa()).containsSame(applicationAfter);
	}

	private static Map<String, String> layeredXsuaa(String clientId, String xsAppName, String plan, String secret) {
		return Map.of("type", "xsuaa", "plan", plan, "clientid", clientId, "clientsecret", secret, "url",
				"https://acme.authentication.localtest", "uaadomain", "authentication.localtest", "xsappname",
				xsAppName);
	}

	private static XsuaaCredentials xsuaaOf(ServiceBindings bindings, String name) {
		return bindings.typedCredentials()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().name().equals(name))
			.map((entry) -> (XsuaaCredentials) entry.getValue())
			.findFirst()
			.orElseThrow();
	}

	private static String secretOf(OAuthClientCredentials credentials) {
		return ((ClientSecret) credentials.authentication()).value();
	}

	private static X509Certificate leaf(OAuthClientCredentials credentials) {
		return ((X509Identity) credentials.authentication()).certificateChain().get(0);
	}

}
