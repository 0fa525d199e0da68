package dev.btpboot.samples.secureapi;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
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

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import dev.btpboot.binding.ConnectivityCredentials;
import dev.btpboot.binding.DestinationCredentials;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy descriptors (Cloud Foundry {@code manifest.yml}, MTA {@code mta.yaml} with
 * {@code xs-security.json}, Kyma {@code kustomization.yaml} and {@code kyma/}) use the roles the
 * controllers check, bind the services the starter reads, and probe the paths the starter leaves
 * open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class DeployDescriptorsTests {

	private static final Pattern AUTHORITY = Pattern.compile("has(?:Any)?Authority\\(([^)]*)\\)");

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	private static final String XSAPPNAME = "$XSAPPNAME.";

	private static final String X509_GENERATED = "X509_GENERATED";

	@Autowired
	TestRestTemplate rest;

	@Test
	void xsuaaScopesAndRoleTemplatesAreTheRolesTheControllersCheck() throws Exception {
		Map<String, Object> xsSecurity = json("xs-security.json");
		Set<String> scopes = new TreeSet<>();
		list(xsSecurity.get("scopes")).forEach((scope) -> scopes.add(localName(map(scope).get("name"))));
		assertThat(scopes).isEqualTo(rolesCheckedByControllers());
		Set<String> roleTemplates = new TreeSet<>();
		for (Object template : list(xsSecurity.get("role-templates"))) {
			roleTemplates.add((String) map(template).get("name"));
			list(map(template).get("scope-references"))
				.forEach((scope) -> assertThat(scopes).contains(localName(scope)));
		}
		assertThat(roleTemplates).as("a role template per role, so that each can be assigned").isEqualTo(scopes);
		for (Object collection : list(xsSecurity.get("role-collections"))) {
			list(map(collection).get("role-template-references"))
				.forEach((template) -> assertThat(roleTemplates).contains(localName(template)));
		}
	}

	@Test
	void mockUsersHaveOnlyRolesTheControllersCheck() throws Exception {
		Map<String, Object> users = map(path(yaml(Path.of("src/main/resources/application-dev.yml")).get(0), "btp",
				"security", "mock", "users"));
		assertThat(users).isNotEmpty();
		Set<String> roles = rolesCheckedByControllers();
		users.values().forEach((user) -> assertThat(roles).containsAll(strings(map(user).get("roles"))));
	}

	@Test
	void everyDescriptorBindsOneInstanceOfEachServiceTheStarterReads() throws Exception {
		Map<String, String> mtaServices = new LinkedHashMap<>();
		for (Object resource : list(mta().get("resources"))) {
			mtaServices.put((String) map(resource).get("name"), (String) path(resource, "parameters", "service"));
		}
		assertThat(new TreeSet<>(mtaServices.values())).containsExactlyInAnyOrder(XsuaaCredentials.SERVICE,
				IdentityCredentials.SERVICE, ConnectivityCredentials.SERVICE, DestinationCredentials.SERVICE);

		Map<String, String> kymaServices = new LinkedHashMap<>();
		kyma("ServiceInstance").forEach((instance) -> kymaServices.put((String) path(instance, "metadata", "name"),
				(String) path(instance, "spec", "serviceOfferingName")));
		assertThat(kymaServices).isEqualTo(mtaServices);

		List<String> required = list(mtaModule().get("requires")).stream()
			.map((requirement) -> (String) map(requirement).get("name"))
			.toList();
		assertThat(required).containsExactlyInAnyOrderElementsOf(mtaServices.keySet());
		List<String> cfServices = list(cfApplication().get("services")).stream()
			.map((service) -> (service instanceof String name) ? name : (String) map(service).get("name"))
			.toList();
		assertThat(cfServices).containsExactlyInAnyOrderElementsOf(mtaServices.keySet());
	}

	@Test
	void xsuaaIsCreatedFromTheOneXsSecurityJson() throws Exception {
		String xsuaa = instanceOf(XsuaaCredentials.SERVICE);
		Map<String, Object> resource = mtaResource(xsuaa);
		assertThat(Path.of((String) path(resource, "parameters", "path")).normalize())
			.isEqualTo(Path.of("xs-security.json"));
		Map<String, Object> secretRef = map(path(list(path(kymaNamed("ServiceInstance", xsuaa), "spec",
				"parametersFrom")).get(0), "secretKeyRef"));
		Map<String, Object> generator = list(kustomization().get("secretGenerator")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((candidate) -> secretRef.get("name").equals(candidate.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(strings(generator.get("files"))).containsExactly((String) secretRef.get("key"));
		assertThat(json("xs-security.json").get("xsappname")).isEqualTo("secure-api");
	}

	@Test
	void identityBindsWithAGeneratedCertificateEverywhere() throws Exception {
		String identity = instanceOf(IdentityCredentials.SERVICE);
		Object cfBinding = list(cfApplication().get("services")).stream()
			.filter((service) -> service instanceof Map<?, ?> entry && identity.equals(entry.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(path(cfBinding, "parameters", "credential-type")).isEqualTo(X509_GENERATED);
		Object mtaRequirement = list(mtaModule().get("requires")).stream()
			.filter((requirement) -> identity.equals(map(requirement).get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(path(mtaRequirement, "parameters", "config", "credential-type")).isEqualTo(X509_GENERATED);
		Object kymaBinding = kyma("ServiceBinding").stream()
			.filter((binding) -> identity.equals(path(binding, "spec", "serviceInstanceName")))
			.findFirst()
			.orElseThrow();
		assertThat(path(kymaBinding, "spec", "parameters", "credential-type")).isEqualTo(X509_GENERATED);
	}

	@Test
	void kymaMountsEveryBindingBelowTheBindingRootAndRoutesToTheContainer() throws Exception {
		Map<String, Object> deployment = map(kyma("Deployment").get(0));
		Map<String, Object> container = map(list(path(deployment, "spec", "template", "spec", "containers")).get(0));
		String bindingRoot = list(container.get("env")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((variable) -> "SERVICE_BINDING_ROOT".equals(variable.get("name")))
			.map((variable) -> (String) variable.get("value"))
			.findFirst()
			.orElseThrow();
		Map<String, String> secretOfVolume = new LinkedHashMap<>();
		list(path(deployment, "spec", "template", "spec", "volumes")).forEach((volume) -> secretOfVolume
			.put((String) map(volume).get("name"), (String) path(volume, "secret", "secretName")));
		Map<String, String> mountOfSecret = new LinkedHashMap<>();
		list(container.get("volumeMounts")).forEach((mount) -> mountOfSecret
			.put(secretOfVolume.get(map(mount).get("name")), (String) map(mount).get("mountPath")));
		Set<String> instances = new TreeSet<>();
		kyma("ServiceInstance").forEach((instance) -> instances.add((String) path(instance, "metadata", "name")));
		List<Object> bindings = kyma("ServiceBinding");
		assertThat(bindings).hasSameSizeAs(instances);
		for (Object binding : bindings) {
			assertThat(instances).contains((String) path(binding, "spec", "serviceInstanceName"));
			String name = (String) path(binding, "metadata", "name");
			assertThat(mountOfSecret.get((String) path(binding, "spec", "secretName"))).as("mount of binding %s", name)
				.isEqualTo(bindingRoot + "/" + name);
		}

		Map<String, Object> service = map(kyma("Service").get(0));
		assertThat(path(service, "spec", "selector")).isEqualTo(path(deployment, "spec", "template", "metadata", "labels"));
		Map<String, Object> servicePort = map(list(path(service, "spec", "ports")).get(0));
		assertThat(list(container.get("ports")).stream().map((port) -> map(port).get("name")))
			.contains(servicePort.get("targetPort"));
		Map<String, Object> apiRule = map(kyma("APIRule").get(0));
		assertThat(path(apiRule, "spec", "service", "name")).isEqualTo(path(service, "metadata", "name"));
		assertThat(path(apiRule, "spec", "service", "port")).isEqualTo(servicePort.get("port"));
	}

	@Test
	void probesOfEveryDescriptorAreOpenToThePlatform() throws Exception {
		Map<String, Object> container = map(
				list(path(kyma("Deployment").get(0), "spec", "template", "spec", "containers")).get(0));
		Map<String, Object> mtaParameters = map(mtaModule().get("parameters"));
		Map<String, Object> cf = cfApplication();
		List<Object> liveness = List.of(cf.get("health-check-http-endpoint"),
				mtaParameters.get("health-check-http-endpoint"), path(container, "livenessProbe", "httpGet", "path"));
		List<Object> readiness = List.of(cf.get("readiness-health-check-http-endpoint"),
				mtaParameters.get("readiness-health-check-http-endpoint"),
				path(container, "readinessProbe", "httpGet", "path"));
		assertThat(Stream.of(cf.get("health-check-type"), cf.get("readiness-health-check-type"),
				mtaParameters.get("health-check-type"), mtaParameters.get("readiness-health-check-type")))
			.containsOnly("http");
		assertThat(liveness).containsOnly(liveness.get(0));
		assertThat(readiness).containsOnly(readiness.get(0));
		for (Object probe : List.of(liveness.get(0), readiness.get(0))) {
			assertThat(this.rest.getForEntity((String) probe, String.class).getStatusCode().value()).as("%s", probe)
				.isEqualTo(200);
		}
		assertThat(this.rest.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(401);
	}

	/** The roles in the {@code hasAuthority}/{@code hasAnyAuthority} checks of the sample's controllers. */
	private static Set<String> rolesCheckedByControllers() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
		Set<String> roles = new TreeSet<>();
		for (var candidate : scanner
			.findCandidateComponents(ClassUtils.getPackageName(SecureApiApplication.class))) {
			Class<?> controller = ClassUtils.forName(candidate.getBeanClassName(), null);
			List<PreAuthorize> checks = new ArrayList<>();
			checks.add(AnnotatedElementUtils.findMergedAnnotation(controller, PreAuthorize.class));
			for (Method method : controller.getDeclaredMethods()) {
				checks.add(AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class));
			}
			checks.stream().filter((check) -> check != null).forEach((check) -> {
				Matcher authority = AUTHORITY.matcher(check.value());
				while (authority.find()) {
					Matcher role = QUOTED.matcher(authority.group(1));
					while (role.find()) {
						roles.add(role.group(1));
					}
				}
			});
		}
		assertThat(roles).as("roles checked by the sample's controllers").isNotEmpty();
		return roles;
	}

	private static String instanceOf(String service) throws IOException {
		return list(mta().get("resources")).stream()
			.filter((resource) -> service.equals(path(resource, "parameters", "service")))
			.map((resource) -> (String) map(resource).get("name"))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> mta() throws IOException {
		return map(yaml(Path.of("mta.yaml")).get(0));
	}

	private static Map<String, Object> mtaModule() throws IOException {
		return map(list(mta().get("modules")).get(0));
	}

	private static Map<String, Object> mtaResource(String name) throws IOException {
		return list(mta().get("resources")).stream()
			.map(DeployDescriptorsTests::map)
			.filter((resource) -> name.equals(resource.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> cfApplication() throws IOException {
		return map(list(map(yaml(Path.of("manifest.yml")).get(0)).get("applications")).get(0));
	}

	private static Map<String, Object> kustomization() throws IOException {
		return map(yaml(Path.of("kustomization.yaml")).get(0));
	}

	/** The Kyma resources of a kind, from the files the kustomization lists. */
	private static List<Object> kyma(String kind) throws IOException {
		List<Object> resources = new ArrayList<>();
		for (String file : strings(kustomization().get("resources"))) {
			yaml(Path.of(file)).stream().filter((resource) -> kind.equals(map(resource).get("kind"))).forEach(resources::add);
		}
		assertThat(resources).as("Kyma resources of kind %s", kind).isNotEmpty();
		return resources;
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

	private static Map<String, Object> json(String file) throws IOException {
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
