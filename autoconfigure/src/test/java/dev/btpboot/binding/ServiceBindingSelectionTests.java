package dev.btpboot.binding;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServiceBindingSelectionTests {

	private static final String TWO_XSUAA = BindingFixtures.vcap(
			BindingFixtures.vcapEntry("xsuaa", "uaa-one", "application", List.of("xsuaa"),
					BindingFixtures.xsuaaSecretCredentials()),
			BindingFixtures.vcapEntry("xsuaa", "uaa-two", "broker", List.of("xsuaa"),
					BindingFixtures.xsuaaX509Credentials()));

	/** Both of plan application: SAP's plan rule cannot choose. */
	private static final String TWO_APPLICATION_XSUAA = BindingFixtures.vcap(
			BindingFixtures.vcapEntry("xsuaa", "uaa-one", "application", List.of("xsuaa"),
					BindingFixtures.xsuaaSecretCredentials()),
			BindingFixtures.vcapEntry("xsuaa", "uaa-two", "application", List.of("xsuaa"),
					BindingFixtures.xsuaaX509Credentials()));

	private static ServiceBindings load(String... properties) {
		return loadVcap(TWO_XSUAA, properties);
	}

	private static ServiceBindings loadVcap(String vcapServices, String... properties) {
		MockEnvironment environment = new MockEnvironment().withProperty("VCAP_SERVICES", vcapServices)
			.withProperty("btp.bindings.kubernetes-root", "/nonexistent");
		for (int i = 0; i < properties.length; i += 2) {
			environment.setProperty(properties[i], properties[i + 1]);
		}
		return ServiceBindingsLoader.load(environment);
	}

	@Test
	void severalBindingsWithoutNameFailListingCandidatesAndTheProperty() {
		ServiceBindings bindings = loadVcap(TWO_APPLICATION_XSUAA);

		assertThat(bindings.ofService("xsuaa")).extracting(ServiceBinding::name).containsExactly("uaa-one", "uaa-two");
		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(() -> bindings.find("xsuaa"))
			.withMessageContaining("2 bindings of service 'xsuaa' exist: [uaa-one, uaa-two]")
			.satisfies((ex) -> assertThat(ex.getAction())
				.contains("btp.bindings.xsuaa.name", "[uaa-one, uaa-two]"));
		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(bindings::xsuaa);
	}

	@Test
	void nameSelectsOneBinding() {
		ServiceBindings bindings = load("btp.bindings.xsuaa.name", "uaa-two");

		assertThat(bindings.find("xsuaa")).map(ServiceBinding::plan).contains("broker");
		assertThat(bindings.xsuaa().orElseThrow().authentication()).isInstanceOf(X509Identity.class);
	}

	@Test
	void unknownNameFailsListingCandidates() {
		ServiceBindings bindings = load("btp.bindings.xsuaa.name", "uaa-three");

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(() -> bindings.find("xsuaa"))
			.withMessageContaining("'uaa-three'")
			.withMessageContaining("[uaa-one, uaa-two]");
	}

	@Test
	void nameOfAnUnboundServiceIsIgnored() {
		assertThat(load("btp.bindings.destination.name", "dest").destination()).isEmpty();
	}

	@Test
	void severalBindingsOfAServiceThisStarterDoesNotTypeNameNoPropertyThatDoesNotExist() {
		ServiceBindings bindings = loadVcap(BindingFixtures.vcap(
				BindingFixtures.vcapEntry("postgresql", "db-one", "small", List.of(), Map.of("host", "a")),
				BindingFixtures.vcapEntry("postgresql", "db-two", "small", List.of(), Map.of("host", "b"))),
				"btp.bindings.postgresql.name", "db-two");

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(() -> bindings.find("postgresql"))
			.withMessageContaining("2 bindings of service 'postgresql' exist: [db-one, db-two]")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("ServiceBindings.ofService(\"postgresql\")")
				.doesNotContain("btp.bindings.postgresql.name"));
	}

}
