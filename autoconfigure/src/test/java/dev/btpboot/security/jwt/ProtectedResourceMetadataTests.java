package dev.btpboot.security.jwt;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.SecurityModeException;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Where the resource comes from, where its metadata lives, and what is refused. */
class ProtectedResourceMetadataTests {

	private final ServiceBindings none = new ServiceBindings(List.of(), Map.of());

	@Test
	void offUnlessEnabled() {
		assertThat(ProtectedResourceMetadata.of(new BtpSecurityProperties.ProtectedResourceMetadata(), this.none,
				new MockEnvironment().withProperty("VCAP_APPLICATION", "{\"application_uris\":[\"a.example.com\"]}")))
			.isNull();
	}

	@Test
	void theConfiguredResourceWinsOverTheRouteAndAPathMovesTheMetadataBelowTheWellKnownPath() {
		ProtectedResourceMetadata metadata = metadata("https://api.example.com/orders", List.of("https://ias.example.com"),
				"{\"application_uris\":[\"a.example.com\"]}");
		assertThat(metadata.path()).isEqualTo("/.well-known/oauth-protected-resource/orders");
		assertThat(metadata.url()).isEqualTo("https://api.example.com/.well-known/oauth-protected-resource/orders");
		assertThat(metadata.json()).startsWith("{\"resource\":\"https://api.example.com/orders\","
				+ "\"authorization_servers\":[\"https://ias.example.com\"]");
	}

	@Test
	void withoutAResourceTheFirstRouteOfVcapApplicationIsIt() {
		ProtectedResourceMetadata metadata = metadata(null, List.of(),
				"{\"application_uris\":[\"a.cfapps.example.com\",\"b.cfapps.example.com\"]}");
		assertThat(metadata.path()).isEqualTo("/.well-known/oauth-protected-resource");
		assertThat(metadata.url()).isEqualTo("https://a.cfapps.example.com/.well-known/oauth-protected-resource");
		assertThat(metadata.json()).isEqualTo("{\"resource\":\"https://a.cfapps.example.com\","
				+ "\"bearer_methods_supported\":[\"header\"],\"tls_client_certificate_bound_access_tokens\":true}");
	}

	@Test
	void enabledWithoutAResourceAnywhereStopsTheStartSayingWhatToSet() {
		for (String vcapApplication : new String[] { null, "{}", "{\"application_uris\":[]}", "not json" }) {
			assertThatExceptionOfType(SecurityModeException.class).as(String.valueOf(vcapApplication))
				.isThrownBy(() -> metadata(null, null, vcapApplication))
				.withMessageContaining("no resource is configured")
				.satisfies((ex) -> assertThat(ex.getAction())
					.contains("btp.security.protected-resource-metadata.resource"));
		}
	}

	@Test
	void aResourceThatIsNoHttpsUrlStopsTheStart() {
		for (String resource : new String[] { "http://api.example.com", "api.example.com", "https://",
				"https://api.example.com/?a=b", "https://api.example.com/#top", "https://user@api.example.com",
				"ftp://api.example.com", "https://api example.com" }) {
			assertThatExceptionOfType(SecurityModeException.class).as(resource)
				.isThrownBy(() -> metadata(resource, null, null))
				.withMessageContaining("btp.security.protected-resource-metadata.resource")
				.withMessageContaining("is not an https URL");
		}
		assertThat(metadata("http://localhost:8080", List.of(), null).url())
			.isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource");
		assertThat(metadata("http://127.0.0.1:8080", List.of(), null)).isNotNull();
	}

	private ProtectedResourceMetadata metadata(String resource, List<String> authorizationServers,
			String vcapApplication) {
		BtpSecurityProperties.ProtectedResourceMetadata properties = new BtpSecurityProperties.ProtectedResourceMetadata();
		properties.setEnabled(true);
		properties.setResource(resource);
		properties.setAuthorizationServers(authorizationServers);
		MockEnvironment environment = new MockEnvironment();
		if (vcapApplication != null) {
			environment.setProperty("VCAP_APPLICATION", vcapApplication);
		}
		return ProtectedResourceMetadata.of(properties, this.none, environment);
	}

}
