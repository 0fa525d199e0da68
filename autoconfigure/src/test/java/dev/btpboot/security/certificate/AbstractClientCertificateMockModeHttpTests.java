package dev.btpboot.security.certificate;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.btpboot.testing.TestCertificates;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.security.HttpClients.basic;
import static dev.btpboot.security.HttpClients.get;
import static dev.btpboot.security.certificate.AbstractClientCertificateHttpTests.base64Der;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client certificates work with mock users too (no binding, not production), so a mapping can be
 * tried locally, on a real server of each stack (the subclasses): a mapped certificate
 * authenticates, HTTP Basic takes precedence, an unmapped one gets 401.
 */
abstract class AbstractClientCertificateMockModeHttpTests {


	static final TestCertificates.Issued sender = TestCertificates.selfSignedRsa("local-sender");

	@LocalServerPort
	int port;

	@Test
	void aMappedCertificateAuthenticatesAlongsideMockUsers() {
		assertThat(get(this.port, "/viewer", "X-Forwarded-Client-Cert", base64Der(sender)).statusCode())
			.isEqualTo(200);
		assertThat(get(this.port, "/me", "X-Forwarded-Client-Cert", base64Der(sender)).body())
			.isEqualTo("sender|null|[Viewer]");
	}

	@Test
	void httpBasicAuthenticatesARequestThatAlsoCarriesACertificate() {
		assertThat(get(this.port, "/me", "Authorization", basic("viewer", "viewer-pass"), "X-Forwarded-Client-Cert",
				base64Der(sender))
			.body()).isEqualTo("viewer|null|[Viewer]");
	}

	@Test
	void anUnmappedCertificateIsUnauthorized() {
		HttpResponse<String> response = get(this.port, "/me", "X-Forwarded-Client-Cert",
				base64Der(TestCertificates.selfSignedRsa("someone-else")));
		assertThat(response.statusCode()).isEqualTo(401);
	}

}
