package dev.btpboot.binding;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.KubernetesBindingFiles;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher thread as the context runs it ({@code btp.bindings.refresh-interval}), the
 * {@code btpBindings} health contributor and the certificate expiry warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class BindingRefreshConfigurationTests {

	private static final TestCertificates.Issued CERT = TestCertificates.selfSignedEc("ias-client-x509");

	@TempDir
	Path root;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class));

	private KubeletSecretVolume mountIdentity(String secret) {
		return KubeletSecretVolume.mount(this.root.resolve("my-ias"),
				KubernetesBindingFiles.serviceBindingIoIdentitySecret(secret, "https://acme.accounts.localtest"));
	}

	@Test
	void refreshIsOnEvery30SecondsAndWarnsADayBeforeExpiryByDefault() {
		this.contextRunner.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent").run((context) -> {
			BindingsProperties properties = context.getBean(BindingsProperties.class);
			assertThat(properties.getRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getCertificateExpiryWarning()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void refreshIntervalZeroStartsNoWatcherThread() {
		mountIdentity("first-S3cr3t");
		this.contextRunner
			.withPropertyValues("btp.bindings.kubernetes-root=" + this.root, "btp.bindings.refresh-interval=0")
			.run((context) -> {
				assertThat(context.getBean(ServiceBindings.class).identity()).isPresent();
				assertThat(context.getBean(KubernetesBindingsWatcher.class).isRunning()).isFalse();
				assertThat(watcherThread()).isEmpty();
			});
	}

	@Test
	void noKubernetesBindingsMeansNoWatcherThread() {
		this.contextRunner.withPropertyValues("btp.bindings.kubernetes-root=" + this.root.resolve("absent"))
			.run((context) -> {
				assertThat(context.getBean(KubernetesBindingsWatcher.class).isRunning()).isFalse();
				assertThat(watcherThread()).isEmpty();
			});
	}

	@Test
	void theWatcherThreadTakesARotationIntoUseAndStopsWithTheContext() throws InterruptedException {
		KubeletSecretVolume identity = mountIdentity("first-S3cr3t");
		Thread[] thread = new Thread[1];
		this.contextRunner
			.withPropertyValues("btp.bindings.kubernetes-root=" + this.root, "btp.bindings.refresh-interval=50ms")
			.run((context) -> {
				ServiceBindings bindings = context.getBean(ServiceBindings.class);
				thread[0] = watcherThread().orElseThrow();
				assertThat(thread[0].isDaemon()).isTrue();
				identity.update(KubernetesBindingFiles.serviceBindingIoIdentitySecret("second-S3cr3t",
						"https://acme.accounts.localtest"));
				// Generous slack: the check runs every 50 ms; a slow machine may take far longer.
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (secret(bindings).equals("first-S3cr3t") && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(secret(bindings)).isEqualTo("second-S3cr3t");
				Info.Builder builder = new Info.Builder();
				context.getBean("btpBindingsInfoContributor", InfoContributor.class).contribute(builder);
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> entries = (List<Map<String, Object>>) builder.build().get("btpBindings");
				ServiceBinding rotated = bindings.find("identity").orElseThrow();
				assertThat(entries.get(0)).containsEntry("name", "my-ias")
					.containsEntry("revision", bindings.revision(rotated).orElseThrow().toString());
				assertThat(builder.build().toString()).doesNotContain("S3cr3t");
			});
		thread[0].join(30_000);
		assertThat(thread[0].isAlive()).isFalse();
	}

	@Test
	void healthReportsEachCertificatesNotAfterAndStaysUp() {
		KubeletSecretVolume.mount(this.root.resolve("my-ias"),
				KubernetesBindingFiles.serviceBindingIoIdentityX509(CERT, "https://acme.accounts.localtest"));
		this.contextRunner
			.withPropertyValues("btp.bindings.kubernetes-root=" + this.root, "btp.bindings.refresh-interval=0")
			.run((context) -> {
				Health health = context.getBean("btpBindingsHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				@SuppressWarnings("unchecked")
				Map<String, Object> detail = (Map<String, Object>) health.getDetails().get("my-ias");
				assertThat(detail).containsEntry("service", "identity")
					.containsEntry("certificates", List.of(Map.of("subject", "CN=ias-client-x509", "notAfter",
							CERT.certificate().getNotAfter().toInstant().toString())));
				assertThat(health.toString()).doesNotContain("PRIVATE KEY");
			});
	}

	@Test
	void aCertificateExpiringWithinTheWarningIsLoggedOnceWhileHealthStaysUp(CapturedOutput output) {
		KubeletSecretVolume.mount(this.root.resolve("my-ias"),
				KubernetesBindingFiles.serviceBindingIoIdentityX509(CERT, "https://acme.accounts.localtest"));
		ServiceBindings bindings = ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
		Instant notAfter = CERT.certificate().getNotAfter().toInstant();
		MutableClock clock = new MutableClock(notAfter.minus(Duration.ofHours(30)));
		CertificateExpiryCheck expiry = new CertificateExpiryCheck(Duration.ofHours(24), clock);
		BindingsHealthIndicator health = new BindingsHealthIndicator(bindings, expiry);

		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(output).doesNotContain("CN=ias-client-x509");

		clock.advance(Duration.ofHours(7));
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		expiry.check(bindings);
		clock.advance(Duration.ofHours(30));
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(output.getOut().split("The certificate 'CN=ias-client-x509'", -1)).hasSize(2);
		assertThat(output).contains("of identity binding 'my-ias'", "expires at " + notAfter,
				"within btp.bindings.certificate-expiry-warning (PT24H)");
	}

	private static String secret(ServiceBindings bindings) {
		return ((ClientSecret) bindings.identity().orElseThrow().authentication()).value();
	}

	private static Optional<Thread> watcherThread() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(KubernetesBindingsWatcher.THREAD_NAME) && thread.isAlive())
			.findFirst();
	}

}
