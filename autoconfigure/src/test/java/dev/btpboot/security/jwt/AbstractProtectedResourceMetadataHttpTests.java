package dev.btpboot.security.jwt;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code btp.security.protected-resource-metadata.enabled=true} on Cloud Foundry
 * ({@code VCAP_APPLICATION} with two routes), over a real server of each stack (the subclasses):
 * the metadata is served to anonymous clients with the first route as {@code resource} whatever
 * {@code Host} or {@code X-Forwarded-Host} claims, and the 401 challenge names it.
 */
abstract class AbstractProtectedResourceMetadataHttpTests {

	static final String ROUTE = "https://my-app.cfapps.eu10.hana.ondemand.com";

	static final String VCAP_APPLICATION = "VCAP_APPLICATION={\"application_name\":\"my-app\","
			+ "\"application_uris\":[\"my-app.cfapps.eu10.hana.ondemand.com\",\"my-app-alt.cfapps.eu10.hana.ondemand.com\"]}";

	@LocalServerPort
	int port;

	/** @return the XSUAA and IAS the subclass binds */
	abstract JwtFixture fixture();

	@Test
	void theMetadataIsServedToAnonymousClientsWithTheResourceOfTheFirstRouteWhateverTheHostHeaderClaims() {
		HttpResponse<String> response = get(this.port, "/.well-known/oauth-protected-resource", "X-Forwarded-Host",
				"attacker.example", "X-Forwarded-Proto", "https");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
		assertThat(response.body()).isEqualTo("{\"resource\":\"" + ROUTE + "\",\"authorization_servers\":[\""
				+ fixture().iasUrl() + "\",\"http://" + fixture().uaaDomain() + "\"],\"bearer_methods_supported\":[\"header\"],"
				+ "\"tls_client_certificate_bound_access_tokens\":true}");
	}

	@Test
	void theChallengeNamesTheMetadataOfTheConfiguredResource() {
		String metadata = "resource_metadata=\"" + ROUTE + "/.well-known/oauth-protected-resource\"";
		assertThat(get(this.port, "/me", "X-Forwarded-Host", "attacker.example").headers()
			.firstValue("WWW-Authenticate")).hasValue("Bearer " + metadata);
		assertThat(get(this.port, "/me", "Authorization", bearer("not-a-token")).headers()
			.firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer error=\"invalid_token\", error_description=")
			.endsWith(", " + metadata);
	}

	@Test
	void onlyTheMetadataPathIsOpen() {
		for (String path : List.of("/.well-known/oauth-protected-resource/me", "/.well-known/oauth-protected-resources",
				"/.well-known", "/me")) {
			assertThat(get(this.port, path).statusCode()).as(path).isEqualTo(401);
		}
	}

}
