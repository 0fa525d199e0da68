package dev.btpboot.security.certificate;

import java.util.Objects;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.certificate.servlet.ClientCertificateAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What start-up does with btp.security.client-certificates: nothing without entries, an INFO
 * listing of the entries with them, and a failure analysis naming the entry that cannot match.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientCertificateStartupTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				MockUsersAutoConfiguration.class, ClientCertificateAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	@Test
	void withoutEntriesTheCertificateHeaderAuthenticatesNobody() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean("btpClientCertificateAuthentication")
			.hasBean("btpSecurityFilterChain"));
	}

	@Test
	void theEntriesAreListedAtStartUpWithSubjectFingerprintAndRoles(CapturedOutput output) {
		String fingerprint = "ab".repeat(32);
		this.runner
			.withPropertyValues("btp.security.client-certificates.sender.subject=CN=sender,O=ACME,C=DE",
					"btp.security.client-certificates.sender.issuer=CN=Partner CA",
					"btp.security.client-certificates.sender.roles=Sender,Viewer",
					"btp.security.client-certificates.sender.tenant=t1",
					"btp.security.client-certificates.pinned.sha256=" + fingerprint)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("btpClientCertificateAuthentication"));
		assertThat(output).contains("the certificate forwarded in header X-Forwarded-Client-Cert from trusted proxies "
				+ "127.0.0.0/8, 0:0:0:0:0:0:0:1 (the default outside Cloud Foundry and Kubernetes), the last 1 element "
				+ "is mapped to a user")
			.contains("sender subject=CN=sender,O=ACME,C=DE issuer=CN=Partner CA roles=[Sender, Viewer] tenant=t1")
			.contains("pinned sha256=[" + "AB:".repeat(31) + "AB] roles=[]");
	}

	@Test
	void anEntryWithNeitherSubjectNorFingerprintStopsTheStartNamingIt() {
		this.runner
			.withPropertyValues("btp.security.client-certificates.partner-a.issuer=CN=Partner CA",
					"btp.security.client-certificates.partner-a.roles=Viewer")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("btp.security.client-certificates.partner-a")
					.contains("neither a subject nor a sha256 fingerprint");
				assertThat(analysis.getAction()).contains("btp.security.client-certificates.partner-a.subject")
					.contains("btp.security.client-certificates.partner-a.sha256");
			});
	}

	@Test
	void aMalformedFingerprintStopsTheStartNamingTheEntryWithoutEchoingIt() {
		this.runner
			.withPropertyValues("btp.security.client-certificates.partner-b.sha256=" + "ab".repeat(32)
					+ ",sha256 Fingerprint=not-hex-s3cr3t")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("btp.security.client-certificates.partner-b.sha256[1]")
					.contains("is not a SHA-256 fingerprint")
					.doesNotContain("s3cr3t");
				assertThat(analysis.getAction()).contains("64 hexadecimal digits");
			});
	}

	@Test
	void aSubjectThatIsNoDistinguishedNameStopsTheStart() {
		this.runner.withPropertyValues("btp.security.client-certificates.partner-c.subject=just a name")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("btp.security.client-certificates.partner-c.subject 'just a name' is not a distinguished name"));
	}

	/** The analysis of the failure analyzers Spring Boot loads from spring.factories. */
	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		return SpringFactoriesLoader.forDefaultResourceLocation()
			// Analyzers that need the bean factory are left out: ours needs nothing.
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failure analyzer explains " + failure));
	}

}
