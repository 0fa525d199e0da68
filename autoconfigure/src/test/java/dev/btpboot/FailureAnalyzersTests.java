package dev.btpboot;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ldap.ConnectivityLdapAutoConfiguration;
import dev.btpboot.connectivity.mail.ConnectivityMailAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.data.DatabaseBindingAutoConfiguration;
import dev.btpboot.data.tenant.TenantSchemaAutoConfiguration;
import dev.btpboot.docs.GeneratedDocs;
import dev.btpboot.observability.CloudLoggingAutoConfiguration;
import dev.btpboot.security.certificate.servlet.ClientCertificateAutoConfiguration;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.tenancy.TenancyAutoConfiguration;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.token.TokenAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
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

	/** What each failure looks like, for docs/troubleshooting.md: by failure, in the order of the tests. */
	private static final Map<String, Explained> EXPLAINED = Collections.synchronizedMap(new LinkedHashMap<>());

	private static final String CLOUD_LOGGING = cloudLoggingBinding();

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
				ConnectivityLdapAutoConfiguration.class, ClientCertificateAutoConfiguration.class,
				CloudLoggingAutoConfiguration.class, DatabaseBindingAutoConfiguration.class,
				TenantSchemaAutoConfiguration.class, TokenAutoConfiguration.class, TenancyAutoConfiguration.class));

	private static final String TWO_DATABASES = "VCAP_SERVICES={\"postgresql-db\":["
			+ "{\"name\":\"orders-db\",\"label\":\"postgresql-db\",\"credentials\":{\"hostname\":\"orders.example.com\","
			+ "\"dbname\":\"orders\",\"username\":\"u1\",\"password\":\"pw-S3cr3t-1\"}},"
			+ "{\"name\":\"audit-db\",\"label\":\"postgresql-db\",\"credentials\":{\"hostname\":\"audit.example.com\","
			+ "\"dbname\":\"audit\",\"username\":\"u2\",\"password\":\"pw-S3cr3t-2\"}}]}";

	private static final String HANA = "VCAP_SERVICES={\"hana\":[{\"name\":\"app-hdi\",\"label\":\"hana\","
			+ "\"plan\":\"hdi-shared\",\"credentials\":{\"url\":\"jdbc:sap://h.example.com:443?currentschema=S\","
			+ "\"user\":\"S_RT\",\"password\":\"hana-S3cr3t\"}}]}";

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of("malformed VCAP_SERVICES", List.of("VCAP_SERVICES={not json")),
				Arguments.of("an xsuaa binding with empty credentials",
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
				Arguments.of("several databases bound and none chosen", List.of(TWO_DATABASES)),
				Arguments.of("a database name no binding has", List.of(TWO_DATABASES, "btp.bindings.database.name=x")),
				Arguments.of("schema isolation with SAP HANA Cloud", List.of(HANA, "btp.tenancy.data.isolation=schema")),
				Arguments.of("a saas-registry binding without btp.tenancy.tenant-url", List.of(SAAS_REGISTRY)));
	}

	/** A feature configured without the optional library it needs: the packages it lacks are hidden. */
	static Stream<Arguments> missingDependencies() {
		return Stream.of(
				Arguments.of("a Spring LDAP feature without Spring LDAP", List.of("btp.connectivity.ldap.enabled=true"),
						List.of("org.springframework.ldap")),
				Arguments.of("observability switched on without OpenTelemetry",
						List.of(CLOUD_LOGGING, "btp.observability.enabled=true"),
						List.of("io.opentelemetry.exporter.otlp")));
	}

	private static String cloudLoggingBinding() {
		TestCertificates.Issued ca = TestCertificates.certificateAuthority("Cloud Logging CA");
		TestCertificates.Issued client = TestCertificates.issue("cls-client", TestCertificates.rsaKeyPair(), ca);
		Map<String, String> credentials = Map.of("ingest-otlp-endpoint", "localhost:4317", "ingest-otlp-cert",
				client.certificatePem(), "ingest-otlp-key", client.privateKeyPem(), "server-ca", ca.certificatePem());
		return "VCAP_SERVICES={\"cloud-logging\":[{\"name\":\"logs\",\"label\":\"cloud-logging\","
				+ "\"credentials\":" + JsonMapper.shared().writeValueAsString(credentials) + "}]}";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void exactlyOneAnalyzerStatesProblemAndFixOnceEach(String failure, List<String> properties) {
		assertExactlyOneAnalyzerStatesProblemAndFixOnceEach(failure, this.runner, properties);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("missingDependencies")
	void exactlyOneAnalyzerNamesTheMissingDependency(String failure, List<String> properties,
			List<String> hiddenPackages) {
		assertExactlyOneAnalyzerStatesProblemAndFixOnceEach(failure,
				this.runner.withClassLoader(new FilteredClassLoader(hiddenPackages.toArray(String[]::new))),
				properties);
	}

	private void assertExactlyOneAnalyzerStatesProblemAndFixOnceEach(String failure,
			WebApplicationContextRunner runner, List<String> properties) {
		runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
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
			EXPLAINED.put(failure, new Explained(analyses.keySet().iterator().next(), analysis));
			assertThat(analysis.getDescription()).isNotBlank();
			assertThat(analysis.getAction()).isNotBlank();
			List<String> problem = sentences(analysis.getDescription());
			assertThat(sentences(analysis.getAction())).as("sentences of the Action also in the Description")
				.noneMatch(problem::contains);
		});
	}

	@AfterAll
	static void everyRegisteredAnalyzerWasExercised() {
		assertThat(ANALYZERS).hasSize(7);
		assertThat(ANALYZERS).map(Object::getClass).allMatch(USED::contains);
	}

	/**
	 * docs/troubleshooting.md shows every failure above as the application prints it, under the
	 * feature whose analyzer explains it. Checked only after a run of every failure.
	 */
	@AfterAll
	static void theTroubleshootingPageShowsEveryFailure() {
		if (EXPLAINED.size() == failures().count() + missingDependencies().count()) {
			GeneratedDocs.check("docs/troubleshooting.md", Troubleshooting.render(EXPLAINED));
		}
	}

	record Explained(Class<?> analyzer, FailureAnalysis analysis) {
	}

	private static List<String> sentences(String text) {
		return Arrays.stream(text.split("(?<=[.;:])\\s+"))
			.map(String::trim)
			.filter((sentence) -> sentence.length() > 3)
			.toList();
	}

}
