package dev.btpboot.samples.saasapi;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import dev.btpboot.binding.ConnectivityCredentials;
import dev.btpboot.binding.DestinationCredentials;
import dev.btpboot.binding.PostgresCredentials;
import dev.btpboot.binding.SaasRegistryCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.tenancy.TenancyCallers;
import dev.btpboot.tenancy.TenancyProperties;
import dev.btpboot.testing.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy descriptors of the multitenant sample (MTA {@code mta.yaml} with
 * {@code xs-security.json}, Kyma {@code kustomization.yaml} and {@code kyma/}) against the code:
 * the SaaS Provisioning service may call the callbacks the starter serves, where it serves them;
 * tenant URLs resolve to the application; the scopes are the roles the application checks; every
 * service the starter reads is bound and mounted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class DeployDescriptorsTests {

	private static final Pattern AUTHORITY = Pattern.compile("has(?:Any)?Authority\\(([^)]*)\\)");

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	private static final String XSAPPNAME = "$XSAPPNAME.";

	private static final String PROVISIONING = "$XSAPPNAME(application,sap-provisioning,tenant-onboarding)";

	private static final String PASSWORD = "Descriptors-S3cr3t";

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	@Autowired
	TenancyProperties tenancy;

	@Autowired
	TestRestTemplate rest;

	@BeforeAll
	static void createTheServiceInstance() {
		postgres.createUserAndDatabase("saas_api", PASSWORD, "saas_api");
	}

	/** The database the descriptors bind; the application does not start without it. */
	@DynamicPropertySource
	static void bindTheDatabase(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> TestPostgres
			.vcapServices(Map.of("saas-api-db", postgres.postgresqlDbCredentials("saas_api", PASSWORD, "saas_api"))));
	}

	@Test
	void xsuaaIsSharedAndOnlyTheSaasProvisioningServiceGetsTheCallbackScope() throws IOException {
		Map<String, Object> xsSecurity = json("xs-security.json");
		assertThat(xsSecurity.get("tenant-mode")).isEqualTo("shared");
		Map<String, Object> callback = list(xsSecurity.get("scopes")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((scope) -> (XSAPPNAME + TenancyCallers.CALLBACK_ROLE).equals(scope.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(strings(callback.get("grant-as-authority-to-apps"))).containsExactly(PROVISIONING);
		for (Object template : list(xsSecurity.get("role-templates"))) {
			assertThat(strings(map(template).get("scope-references"))).as("no user role grants the callbacks")
				.doesNotContain(XSAPPNAME + TenancyCallers.CALLBACK_ROLE);
		}
		assertThat(strings(path(xsSecurity, "oauth2-configuration", "redirect-uris")))
			.allSatisfy((uri) -> assertThat(uri).contains("://*."));
	}

	@Test
	void scopesAreTheRolesTheApplicationChecks() throws IOException {
		Map<String, Object> xsSecurity = json("xs-security.json");
		Set<String> scopes = new TreeSet<>();
		list(xsSecurity.get("scopes")).forEach((scope) -> scopes.add(localName(map(scope).get("name"))));
		Set<String> checked = new TreeSet<>(rolesCheckedByControllers());
		checked.add(TenancyCallers.CALLBACK_ROLE);
		checked.add(this.tenancy.getOperatorRole());
		assertThat(scopes).isEqualTo(checked);
		Set<String> templates = new TreeSet<>();
		list(xsSecurity.get("role-templates")).forEach((template) -> templates.add((String) map(template).get("name")));
		checked.remove(TenancyCallers.CALLBACK_ROLE);
		assertThat(templates).as("a role template per user role").isEqualTo(checked);
		Map<String, Object> users = map(path(yaml(Path.of("src/main/resources/application-dev.yml")).get(0), "btp",
				"security", "mock", "users"));
		users.values().forEach((user) -> assertThat(scopes).containsAll(strings(map(user).get("roles"))));
	}

	@Test
	void theRegistryCallsTheCallbacksWhereTheStarterServesThemAsynchronously() throws IOException {
		String callbackPath = this.tenancy.getCallbackPath();
		Map<String, Object> mtaRegistry = map(path(resourceOf(SaasRegistryCredentials.SERVICE), "parameters", "config"));
		Map<String, Object> kymaRegistry = map(path(kymaInstanceOf(SaasRegistryCredentials.SERVICE), "spec",
				"parameters"));
		String providerUrl = (String) path(providedBy("saas-api-url"), "properties", "url");
		Map<String, Object> callbacksRule = kymaNamed("APIRule", "saas-api-callbacks");
		String kymaProviderUrl = "https://" + strings(path(callbacksRule, "spec", "hosts")).get(0);
		for (Map<String, Object> registry : List.of(mtaRegistry, kymaRegistry)) {
			Map<String, Object> appUrls = map(registry.get("appUrls"));
			String base = (registry == mtaRegistry) ? "~{saas-api-url/url}" : kymaProviderUrl;
			assertThat(appUrls.get("onSubscription")).isEqualTo(base + callbackPath + "/tenants/{tenantId}");
			assertThat(appUrls.get("getDependencies")).isEqualTo(base + callbackPath + "/dependencies");
			assertThat(appUrls.get("onSubscriptionAsync")).isEqualTo(true);
			assertThat(appUrls.get("onUnSubscriptionAsync")).isEqualTo(true);
			assertThat(registry.get("xsappname")).isEqualTo(json("xs-security.json").get("xsappname"));
		}
		assertThat(providerUrl).isEqualTo("https://${app-domain}");
		assertThat(list(path(callbacksRule, "spec", "rules")).stream().map((rule) -> map(rule).get("path")))
			.containsExactly(callbackPath + "/*");
	}

	@Test
	void tenantUrlsResolveToTheApplication() throws IOException {
		Map<String, Object> module = mtaModule();
		String mtaTenantUrl = (String) path(module, "properties", "BTP_TENANCY_TENANTURL");
		List<String> routes = list(path(module, "parameters", "routes")).stream()
			.map((route) -> (String) map(route).get("route"))
			.toList();
		assertThat(mtaTenantUrl).isEqualTo("https://{subdomain}.${app-domain}");
		assertThat(routes).containsExactlyInAnyOrder("${app-domain}", "*.${app-domain}");
		Map<String, Object> container = container();
		String kymaTenantUrl = list(container.get("env")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((variable) -> "BTP_TENANCY_TENANTURL".equals(variable.get("name")))
			.map((variable) -> (String) variable.get("value"))
			.findFirst()
			.orElseThrow();
		String tenantHost = URI.create(kymaTenantUrl.replace("{subdomain}", "subscriber")).getHost();
		assertThat(tenantHost).startsWith("subscriber.");
		assertThat(strings(path(kymaNamed("APIRule", "saas-api-tenants"), "spec", "hosts")))
			.containsExactly("*." + tenantHost.substring("subscriber.".length()));
	}

	@Test
	void everyDescriptorBindsAndMountsEachServiceTheStarterReads() throws IOException {
		Map<String, String> mtaServices = new LinkedHashMap<>();
		list(mta().get("resources")).forEach((resource) -> mtaServices.put((String) map(resource).get("name"),
				(String) path(resource, "parameters", "service")));
		assertThat(new TreeSet<>(mtaServices.values())).containsExactlyInAnyOrder(XsuaaCredentials.SERVICE,
				SaasRegistryCredentials.SERVICE, DestinationCredentials.SERVICE, ConnectivityCredentials.SERVICE,
				PostgresCredentials.SERVICE);
		assertThat(list(mtaModule().get("requires")).stream().map((requirement) -> map(requirement).get("name")))
			.containsExactlyInAnyOrderElementsOf(mtaServices.keySet());
		Map<String, String> kymaServices = new LinkedHashMap<>();
		kyma("ServiceInstance").forEach((instance) -> kymaServices.put((String) path(instance, "metadata", "name"),
				(String) path(instance, "spec", "serviceOfferingName")));
		assertThat(kymaServices).isEqualTo(mtaServices);
		Map<String, Object> container = container();
		Map<String, String> mounts = new LinkedHashMap<>();
		list(container.get("volumeMounts")).forEach((mount) -> mounts.put((String) map(mount).get("name"),
				(String) map(mount).get("mountPath")));
		for (Object binding : kyma("ServiceBinding")) {
			String name = (String) path(binding, "metadata", "name");
			assertThat(kymaServices).containsKey((String) path(binding, "spec", "serviceInstanceName"));
			assertThat(mounts.get(name)).as("mount of binding %s", name).isEqualTo("/bindings/" + name);
		}
	}

	@Test
	void theProbesAreOpenAndTheTenantsAreNot() throws IOException {
		Map<String, Object> container = container();
		for (String probe : List.of("livenessProbe", "readinessProbe")) {
			String path = (String) path(container, probe, "httpGet", "path");
			assertThat(this.rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(200);
		}
		assertThat(this.rest.getForEntity("/actuator/tenants", String.class).getStatusCode().value()).isEqualTo(401);
	}

	private static Set<String> rolesCheckedByControllers() {
		Set<String> roles = new TreeSet<>();
		for (Method method : Stream.of(TenantController.class, NoteController.class)
			.flatMap((controller) -> Stream.of(controller.getDeclaredMethods()))
			.toList()) {
			PreAuthorize check = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
			if (check != null) {
				Matcher authority = AUTHORITY.matcher(check.value());
				while (authority.find()) {
					Matcher role = QUOTED.matcher(authority.group(1));
					while (role.find()) {
						roles.add(role.group(1));
					}
				}
			}
		}
		assertThat(roles).isNotEmpty();
		return roles;
	}

	private static Map<String, Object> mta() throws IOException {
		return map(yaml(Path.of("mta.yaml")).get(0));
	}

	private static Map<String, Object> mtaModule() throws IOException {
		return map(list(mta().get("modules")).get(0));
	}

	private static Map<String, Object> resourceOf(String service) throws IOException {
		return list(mta().get("resources")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((resource) -> service.equals(path(resource, "parameters", "service")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> providedBy(String name) throws IOException {
		return list(mtaModule().get("provides")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((provided) -> name.equals(provided.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> container() throws IOException {
		return map(list(path(kyma("Deployment").get(0), "spec", "template", "spec", "containers")).get(0));
	}

	private static List<Object> kyma(String kind) throws IOException {
		List<Object> resources = new ArrayList<>();
		for (String file : strings(map(yaml(Path.of("kustomization.yaml")).get(0)).get("resources"))) {
			yaml(Path.of(file)).stream().filter((resource) -> kind.equals(map(resource).get("kind"))).forEach(resources::add);
		}
		assertThat(resources).as("Kyma resources of kind %s", kind).isNotEmpty();
		return resources;
	}

	private static Map<String, Object> kymaInstanceOf(String service) throws IOException {
		return kyma("ServiceInstance").stream()
			.map(DeployDescriptorsTests::map)
			.filter((instance) -> service.equals(path(instance, "spec", "serviceOfferingName")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> kymaNamed(String kind, String name) throws IOException {
		return kyma(kind).stream()
			.map(DeployDescriptorsTests::map)
			.filter((resource) -> name.equals(path(resource, "metadata", "name")))
			.findFirst()
			.orElseThrow();
	}

	private static List<Object> yaml(Path file) throws IOException {
		List<Object> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			new Yaml().loadAll(reader).forEach(documents::add);
		}
		return documents;
	}

	private static Map<String, Object> json(String file) {
		return map(JsonMapper.builder().build().readValue(Path.of(file).toFile(), Map.class));
	}

	private static String localName(Object scope) {
		assertThat((String) scope).startsWith(XSAPPNAME);
		return ((String) scope).substring(XSAPPNAME.length());
	}

	private static Object path(Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			current = map(current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
	}

	private static List<String> strings(Object node) {
		return list(node).stream().map(String.class::cast).toList();
	}

}
