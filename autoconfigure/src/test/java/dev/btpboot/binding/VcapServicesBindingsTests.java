package dev.btpboot.binding;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class VcapServicesBindingsTests {

	private static ServiceBindings load(String vcapServices) {
		return ServiceBindingsLoader.load(new MockEnvironment().withProperty("VCAP_SERVICES", vcapServices)
			.withProperty("btp.bindings.kubernetes-root", "/nonexistent"));
	}

	@Test
	void readsEveryKnownServiceWithItsTypedCredentials() {
		ServiceBindings bindings = load(BindingFixtures.allServicesVcap());

		assertThat(bindings.all()).extracting(ServiceBinding::service)
			.containsExactly("xsuaa", "identity", "connectivity", "destination");
		ServiceBinding xsuaaBinding = bindings.find("xsuaa").orElseThrow();
		assertThat(xsuaaBinding.name()).isEqualTo("bookshop-uaa");
		assertThat(xsuaaBinding.plan()).isEqualTo("application");
		assertThat(xsuaaBinding.tags()).containsExactly("xsuaa");
		assertThat(xsuaaBinding.source()).isEqualTo("VCAP_SERVICES");

		XsuaaCredentials xsuaa = bindings.xsuaa().orElseThrow();
		assertThat(xsuaa.bindingName()).isEqualTo("bookshop-uaa");
		assertThat(xsuaa.clientId()).isEqualTo("sb-bookshop!t12345");
		assertThat(xsuaa.xsAppName()).isEqualTo("bookshop!t12345");
		assertThat(xsuaa.uaaDomain()).isEqualTo("authentication.eu10.hana.ondemand.com");
		assertThat(xsuaa.url()).isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com"));
		assertThat(xsuaa.identityZone()).isEqualTo("acme");
		assertThat(xsuaa.certUrl()).isNull();
		assertThat(xsuaa.authentication()).isEqualTo(new ClientSecret(BindingFixtures.XSUAA_SECRET));
		assertThat(xsuaa.tokenEndpoint())
			.isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com/oauth/token"));

		IdentityCredentials identity = bindings.identity().orElseThrow();
		assertThat(identity.clientId()).isEqualTo("0c3b5a0e-7b71-4d0a-a6a8-6f0f2d1e3c4b");
		assertThat(identity.url()).isEqualTo(URI.create("https://acme.accounts.ondemand.com"));
		assertThat(identity.domains()).containsExactly("accounts.ondemand.com", "accounts400.ondemand.com");
		assertThat(identity.appTenantId()).isEqualTo("d6f0b7a2-6c0e-4a9a-8f3b-1e2d3c4b5a69");
		assertThat(identity.authentication()).isInstanceOfSatisfying(X509Identity.class, (x509) -> assertThat(
				x509.certificateChain()).containsExactly(BindingFixtures.IDENTITY_CERT.certificate()));
		assertThat(identity.tokenEndpoint()).isEqualTo(URI.create("https://acme.accounts.ondemand.com/oauth2/token"));

		ConnectivityCredentials connectivity = bindings.connectivity().orElseThrow();
		assertThat(connectivity.clientId()).isEqualTo("sb-clone-connectivity!b1234|connectivity!b17");
		assertThat(connectivity.proxyHost()).isEqualTo("connectivityproxy.internal.cf.eu10.hana.ondemand.com");
		assertThat(connectivity.proxyHttpPort()).isEqualTo(20003);
		assertThat(connectivity.proxySocks5Port()).isEqualTo(20004);
		assertThat(connectivity.tokenServiceUrl())
			.isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com"));
		assertThat(connectivity.authentication()).isEqualTo(new ClientSecret(BindingFixtures.CONNECTIVITY_SECRET));

		DestinationCredentials destination = bindings.destination().orElseThrow();
		assertThat(destination.uri())
			.isEqualTo(URI.create("https://destination-configuration.cfapps.eu10.hana.ondemand.com"));
		assertThat(destination.url()).isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com"));
		assertThat(destination.authentication()).isEqualTo(new ClientSecret(BindingFixtures.DESTINATION_SECRET));
	}

	@Test
	void readsXsuaaX509BindingAndUsesCertUrlForTokens() {
		ServiceBindings bindings = load(BindingFixtures.vcap(BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa",
				"application", List.of("xsuaa"), BindingFixtures.xsuaaX509Credentials())));

		XsuaaCredentials xsuaa = bindings.xsuaa().orElseThrow();
		assertThat(xsuaa.authentication()).isInstanceOf(X509Identity.class);
		assertThat(((X509Identity) xsuaa.authentication()).privateKey())
			.isEqualTo(BindingFixtures.XSUAA_CERT.keyPair().getPrivate());
		assertThat(xsuaa.certUrl()).isEqualTo(URI.create("https://acme.authentication.cert.eu10.hana.ondemand.com"));
		assertThat(xsuaa.tokenEndpoint())
			.isEqualTo(URI.create("https://acme.authentication.cert.eu10.hana.ondemand.com/oauth/token"));
	}

	@Test
	void connectivityFallsBackToUrlAndProxyPort() {
		var credentials = BindingFixtures.connectivityCredentials();
		credentials.remove("token_service_url");
		credentials.remove("onpremise_proxy_http_port");
		credentials.put("onpremise_proxy_port", "20005");
		ServiceBindings bindings = load(BindingFixtures
			.vcap(BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(), credentials)));

		ConnectivityCredentials connectivity = bindings.connectivity().orElseThrow();
		assertThat(connectivity.tokenServiceUrl())
			.isEqualTo(URI.create("https://acme.authentication.eu10.hana.ondemand.com"));
		assertThat(connectivity.proxyHttpPort()).isEqualTo(20005);
	}

	@Test
	void matchesByTagWhenNoServiceHasTheName() {
		ServiceBindings bindings = load(BindingFixtures.vcap(BindingFixtures.vcapEntry("user-provided", "my-uaa",
				null, List.of("xsuaa"), BindingFixtures.xsuaaSecretCredentials())));

		assertThat(bindings.find("xsuaa")).map(ServiceBinding::name).contains("my-uaa");
		assertThat(bindings.xsuaa()).map(XsuaaCredentials::clientId).contains("sb-bookshop!t12345");
	}

	@Test
	void toStringShowsFieldNamesButNoCredentialValue() {
		ServiceBindings bindings = load(BindingFixtures.allServicesVcap());

		String text = bindings.toString() + bindings.xsuaa().orElseThrow() + bindings.connectivity().orElseThrow()
				+ bindings.identity().orElseThrow() + bindings.destination().orElseThrow();
		assertThat(text).contains("clientsecret", "bookshop-uaa", "CN=ias-client")
			.doesNotContain(BindingFixtures.XSUAA_SECRET, BindingFixtures.CONNECTIVITY_SECRET,
					BindingFixtures.DESTINATION_SECRET, "PRIVATE KEY");
	}

	@Test
	void parsesTheEnvironmentOnlyOnce() {
		MockEnvironment environment = new MockEnvironment().withProperty("VCAP_SERVICES",
				BindingFixtures.allServicesVcap());
		assertThat(ServiceBindingsLoader.load(environment)).isSameAs(ServiceBindingsLoader.load(environment));
	}

	@Test
	void theBindingsCheckedBeforeStartUpAreTheOnesTheApplicationUses() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("VCAP_SERVICES", BindingFixtures.allServicesVcap())
			.withProperty("btp.bindings.kubernetes-root", "/nonexistent");
		new VcapServicesEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		List<ServiceBinding> checked = ServiceBindingsLoader.vcapServices(environment);

		assertThat(ServiceBindingsLoader.load(environment).all()).hasSize(4)
			.allSatisfy((binding) -> assertThat(checked).anySatisfy((c) -> assertThat(c).isSameAs(binding)));
	}

	@Test
	void aChangedVcapServicesIsReadAgain() {
		MockEnvironment environment = new MockEnvironment().withProperty("VCAP_SERVICES",
				BindingFixtures.allServicesVcap());
		assertThat(ServiceBindingsLoader.vcapServices(environment)).hasSize(4);

		environment.setProperty("VCAP_SERVICES", BindingFixtures.vcap(BindingFixtures.vcapEntry("xsuaa", "other-uaa",
				"application", List.of(), BindingFixtures.xsuaaSecretCredentials())));

		assertThat(ServiceBindingsLoader.vcapServices(environment)).extracting(ServiceBinding::name)
			.containsExactly("other-uaa");
	}

}
