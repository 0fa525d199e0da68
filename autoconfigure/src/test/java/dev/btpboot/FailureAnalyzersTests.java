package dev.btpboot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.mail.ConnectivityMailAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.security.certificate.servlet.ClientCertificateAutoConfiguration;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.tenancy.TenancyAutoConfiguration;
import dev.btpboot.token.TokenAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every FailureAnalyzer the starter registers, over start-ups that fail in each area: exactly one
 * of them explains the failure, its Description states the problem and its Action the fix, and no
 * sentence appears in both.
 */
class FailureAnalyzersTests {

	private static final List<FailureAnalyzer> ANALYZERS = SpringFactoriesLoader.forDefaultResourceLocation()
		// Spring Boot's own analyzers need constructor arguments; ours do not.
		.load(FailureAnalyzer.class, (type, implementation, failure) -> {
		})
		.stream()
		.filter((analyzer) -> analyzer.getClass().getPackageName().startsWith("dev.btpboot"))
		.toList();

	private static final Set<Class<?>> USED = ConcurrentHashMap.newKeySet();

	private static final String XSUAA = "VCAP_SERVICES={\"xsuaa\":[{\"name\":\"x\",\"label\":\"xsuaa\",\"credentials\":{"
			+ "\"clientid\":\"sb-app!t1\",\"clientsecret\":\"s3cr3t\",\"url\":\"https://sub.authentication.example.com\","
			+ "\"uaadomain\":\"authentication.example.com\",\"xsappname\":\"app!t1\"}}]}";

	private static final String SAAS_REGISTRY = "VCAP_SERVICES={\"saas-registry\":[{\"name\":\"registry\","
			+ "\"label\":\"saas-registry\",\"credentials\":{\"clientid\":\"sb-reg\",\"clientsecret\":\"s3cr3t\","
			+ "\"url\":\"https://provider.authentication.example.com\","
			+ "\"saas_registry_url\":\"https://saas-manager.example.com\"}}]}";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				JwtSecurityAutoConfiguration.class, MockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, ConnectivityAutoConfiguration.class,
				ConnectivitySocksAutoConfiguration.class, ConnectivityMailAutoConfiguration.class,
				ClientCertificateAutoConfiguration.class, TokenAutoConfiguration.class, TenancyAutoConfiguration.class,
				DestinationAutoConfiguration.class));

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of("malformed VCAP_SERVICES", List.of("VCAP_SERVICES={not json")),
				Arguments.of("xsuaa binding without clientid",
						List.of("VCAP_SERVICES={\"xsuaa\":[{\"name\":\"x\",\"label\":\"xsuaa\",\"credentials\":{}}]}")),
				Arguments.of("production without a binding", List.of("VCAP_APPLICATION={}")),
				Arguments.of("mock users in production", List.of(XSUAA, "btp.security.mode=mock", "VCAP_APPLICATION={}")),
				Arguments.of("jwt mode without a binding", List.of("btp.security.mode=jwt")),
				Arguments.of("mock mode with mock users disabled",
						List.of("btp.security.mode=mock", "btp.security.mock.enabled=false")),
				Arguments.of("mail without a proxy", List.of("btp.connectivity.mail.enabled=true")),
				Arguments.of("a location id that is not ASCII",
						List.of("btp.connectivity.proxy.host=localhost", "btp.connectivity.location-id=Zürich")),
				Arguments.of("a client certificate entry without subject or fingerprint",
						List.of("btp.security.client-certificates.sender.roles=Viewer")),
				Arguments.of("a connect timeout of zero",
						List.of("btp.connectivity.proxy.host=localhost", "btp.connectivity.proxy.connect-timeout=0s")),
				Arguments.of("a saas-registry binding without btp.tenancy.tenant-url", List.of(SAAS_REGISTRY)),
				Arguments.of("local destinations in production",
						List.of("btp.destinations.local.erp.URL=https://erp.example.com", "VCAP_APPLICATION={}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void exactlyOneAnalyzerStatesProblemAndFixOnceEach(String failure, List<String> properties) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Map<Class<?>, FailureAnalysis> analyses = new HashMap<>();
			for (FailureAnalyzer analyzer : ANALYZERS) {
				FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
				if (analysis != null) {
					analyses.put(analyzer.getClass(), analysis);
				}
			}
			assertThat(analyses).as(failure).hasSize(1);
			USED.addAll(analyses.keySet());
			FailureAnalysis analysis = analyses.values().iterator().next();
			assertThat(analysis.getDescription()).isNotBlank();
			assertThat(analysis.getAction()).isNotBlank();
			List<String> problem = sentences(analysis.getDescription());
			assertThat(sentences(analysis.getAction())).as("sentences of the Action also in the Description")
				.noneMatch(problem::contains);
		});
	}

	@AfterAll
	static void everyRegisteredAnalyzerWasExercised() {
		assertThat(ANALYZERS).hasSize(6);
		assertThat(ANALYZERS).map(Object::getClass).allMatch(USED::contains);
	}

	private static List<String> sentences(String text) {
		return Arrays.stream(text.split("(?<=[.;:])\\s+"))
			.map(String::trim)
			.filter((sentence) -> sentence.length() > 3)
			.toList();
	}

}
