package dev.btpboot.security.certificate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.btpboot.security.AddressRange;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.testing.TestCertificates;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rule of whose forwarded header counts: the platform's defaults, trusted proxies by address
 * and range, hops, header lines joined, and a rate-limited warning that names an untrusted peer.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardedClientCertificatesTests {

	static final TestCertificates.Issued client = TestCertificates.selfSignedRsa("client");

	static final TestCertificates.Issued other = TestCertificates.selfSignedRsa("other");

	static final String SIDECAR = "By=spiffe://cluster.local/ns/app/sa/default;Hash=2;URI=spiffe://gateway";

	@Test
	void onKubernetesLoopbackIsTrustedAndTwoHopsCount() {
		ForwardedClientCertificates rule = rule(new MockEnvironment().withProperty("KUBERNETES_SERVICE_HOST",
				"10.96.0.1"));
		assertThat(rule.hops()).isEqualTo(2);
		assertThat(rule.read(List.of(element(client) + "," + SIDECAR), () -> "127.0.0.6").certificate())
			.isEqualTo(client.certificate());
		assertThat(rule.read(List.of(element(client) + "," + SIDECAR), () -> "10.1.2.3").carried()).isFalse();
		assertThat(rule.describe()).isEqualTo("header X-Forwarded-Client-Cert from trusted proxies 127.0.0.0/8, "
				+ "0:0:0:0:0:0:0:1 (the default on Kubernetes), the last 2 elements");
	}

	@Test
	void onCloudFoundryNoPeerIsTrustedByDefault() {
		ForwardedClientCertificates rule = rule(new MockEnvironment().withProperty("VCAP_APPLICATION", "{}")
			.withProperty("KUBERNETES_SERVICE_HOST", "10.96.0.1"));
		assertThat(rule.trustsNoPeer()).isTrue();
		assertThat(rule.hops()).isEqualTo(1);
		assertThat(rule.read(List.of(der(client)), () -> "127.0.0.1")).isEqualTo(ForwardedCertificate.NONE);
		assertThat(rule.describe()).contains("from trusted proxies none (the default on Cloud Foundry)");
	}

	@Test
	void locallyLoopbackIsTrustedAndOneHopCounts() {
		ForwardedClientCertificates rule = rule(new MockEnvironment());
		assertThat(rule.hops()).isEqualTo(1);
		assertThat(rule.trustsNoPeer()).isFalse();
		assertThat(rule.read(List.of(der(client)), () -> "::1").certificate()).isEqualTo(client.certificate());
		assertThat(rule.read(List.of(element(client) + "," + SIDECAR), () -> "127.0.0.1"))
			.isEqualTo(ForwardedCertificate.NONE);
	}

	@Test
	void configuredProxiesAndHopsReplaceThePlatformsDefaults() {
		ForwardedClientCertificates rule = rule(new MockEnvironment().withProperty("VCAP_APPLICATION", "{}")
			.withProperty("btp.security.forwarded-client-certificate.trusted-proxies", "10.0.0.0/8, 2001:db8::/32")
			.withProperty("btp.security.forwarded-client-certificate.hops", "2"));
		for (String trusted : new String[] { "10.255.0.1", "2001:db8:1::5" }) {
			assertThat(rule.read(List.of(element(client) + "," + SIDECAR), () -> trusted).certificate()).as(trusted)
				.isEqualTo(client.certificate());
		}
		for (String untrusted : new String[] { "127.0.0.1", "::1", "11.0.0.1", "2001:db9::1" }) {
			assertThat(rule.read(List.of(der(client)), () -> untrusted).carried()).as(untrusted).isFalse();
		}
		assertThat(rule.read(List.of(der(client)), () -> null).carried()).as("unknown peer").isFalse();
		assertThat(rule.describe()).isEqualTo("header X-Forwarded-Client-Cert from trusted proxies 10.0.0.0/8, "
				+ "2001:db8:0:0:0:0:0:0/32, the last 2 elements");
	}

	@Test
	void anyTrustsEveryPeerAlsoOneWhoseAddressIsUnknown() {
		ForwardedClientCertificates rule = rule(new MockEnvironment().withProperty("VCAP_APPLICATION", "{}")
			.withProperty("btp.security.forwarded-client-certificate.trusted-proxies", "ANY"));
		assertThat(rule.read(List.of(der(client)), () -> {
			throw new AssertionError("the peer is not asked for");
		}).certificate()).isEqualTo(client.certificate());
		assertThat(rule.describe()).contains("from trusted proxies any,");
	}

	@Test
	void anEmptyListTrustsNoPeer() {
		ForwardedClientCertificates rule = rule(
				new MockEnvironment().withProperty("btp.security.forwarded-client-certificate.trusted-proxies", ""));
		assertThat(rule.trustsNoPeer()).isTrue();
		assertThat(rule.read(List.of(der(client)), () -> "127.0.0.1").carried()).isFalse();
	}

	@Test
	void severalHeaderLinesAreOneCommaJoinedValue() {
		ForwardedClientCertificates rule = rule(new MockEnvironment());
		String forgedLine = "Cert=\"" + urlEncoded(other) + "\"";
		assertThat(rule.read(List.of(forgedLine, element(client)), () -> "127.0.0.1").certificate())
			.isEqualTo(client.certificate());
		assertThat(rule.read(List.of(element(client), forgedLine), () -> "127.0.0.1").certificate())
			.isEqualTo(other.certificate());
		// Two bare certificates are no certificate: the value of one terminator is one certificate.
		assertThat(rule.read(List.of(der(other), der(client)), () -> "127.0.0.1").unreadable()).isTrue();
		assertThat(rule.read(List.of(), () -> "127.0.0.1")).isEqualTo(ForwardedCertificate.NONE);
	}

	@Test
	void theHeaderOfAnUntrustedPeerIsWarnedAboutNamingThePeerAtMostOnceAMinute(CapturedOutput output) {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		ForwardedClientCertificates rule = new ForwardedClientCertificates("X-Forwarded-Client-Cert",
				List.of(AddressRange.parse("10.0.0.0/8")), 1, "", clock);
		for (int i = 0; i < 5; i++) {
			rule.read(List.of(der(client)), () -> "192.0.2.7");
		}
		clock.advance(Duration.ofSeconds(59));
		rule.read(List.of(der(client)), () -> "192.0.2.8");
		assertThat(warnings(output)).containsExactly("The X-Forwarded-Client-Cert header of a request from 192.0.2.7 "
				+ "was ignored: only btp.security.forwarded-client-certificate.trusted-proxies (10.0.0.0/8) may set it. "
				+ "Logged at most once a minute.");
		clock.advance(Duration.ofSeconds(1));
		rule.read(List.of(der(client)), () -> null);
		assertThat(warnings(output)).hasSize(2)
			.last()
			.asString()
			.contains("from a peer whose address the server does not report");
	}

	@Test
	void settingsThatCannotWorkStopTheStartNamingThem() {
		assertThatExceptionOfType(ClientCertificateConfigurationException.class)
			.isThrownBy(() -> rule(new MockEnvironment()
				.withProperty("btp.security.forwarded-client-certificate.trusted-proxies", "10.0.0.0/8,proxy.internal")))
			.withMessage("btp.security.forwarded-client-certificate.trusted-proxies[1] 'proxy.internal' is not an IPv4 "
					+ "or IPv6 address literal.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("never a host name").contains("'any'"));
		assertThatExceptionOfType(ClientCertificateConfigurationException.class)
			.isThrownBy(() -> rule(
					new MockEnvironment().withProperty("btp.security.forwarded-client-certificate.trusted-proxies", "10.0.0.0/40")))
			.withMessageContaining("trusted-proxies[0] '10.0.0.0/40' has a prefix length other than 0 to 32");
		assertThatExceptionOfType(ClientCertificateConfigurationException.class)
			.isThrownBy(() -> rule(new MockEnvironment().withProperty("btp.security.forwarded-client-certificate.hops", "0")))
			.withMessage("btp.security.forwarded-client-certificate.hops is 0.");
		assertThat(rule(new MockEnvironment().withProperty("KUBERNETES_SERVICE_HOST", "10.96.0.1")
			.withProperty("btp.security.forwarded-client-certificate.hops", "1")).hops())
			.as("one hop, the least that works, also where the default is two").isEqualTo(1);
		assertThatExceptionOfType(ClientCertificateConfigurationException.class)
			.isThrownBy(() -> rule(new MockEnvironment().withProperty("btp.security.forwarded-client-certificate.header", " ")))
			.withMessage("btp.security.forwarded-client-certificate.header is empty.");
	}

	@Test
	void theDeprecatedHeaderPropertyStillNamesTheHeader() {
		ForwardedClientCertificates rule = rule(
				new MockEnvironment().withProperty("btp.security.client-certificate-header", "X-SSL-Client-Cert"));
		assertThat(rule.header()).isEqualTo("X-SSL-Client-Cert");
	}

	private static ForwardedClientCertificates rule(MockEnvironment environment) {
		BtpSecurityProperties properties = Binder.get(environment)
			.bindOrCreate(BtpSecurityProperties.PREFIX, BtpSecurityProperties.class);
		return ForwardedClientCertificates.of(properties.getForwardedClientCertificate(), environment);
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("ForwardedClientCertificates"))
			.map((line) -> line.substring(line.indexOf(" - ") + 3))
			.toList();
	}

	static String element(TestCertificates.Issued certificate) {
		return "Hash=1;Cert=\"" + urlEncoded(certificate) + "\"";
	}

	static String urlEncoded(TestCertificates.Issued certificate) {
		return URLEncoder.encode(certificate.certificatePem(), StandardCharsets.UTF_8);
	}

	static String der(TestCertificates.Issued certificate) {
		try {
			return Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
